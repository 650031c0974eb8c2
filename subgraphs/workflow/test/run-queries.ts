/** GraphQL documents the run tests share. */
export const RUN_FIELDS = `id status workflowVersion input output idempotencyKey error { message code nodeId }
  steps { nodeId type status attempt input output error { message code retryable } }`;

export const CREATE = `mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id version status definition { nodes { id type config } edges { from to when } } } }`;
export const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateWorkflowInput!) { updateWorkflow(id: $id, expectedVersion: $v, input: $input) { id version status definition { nodes { id } } } }`;
export const ACTIVATE = `mutation ($id: ID!) { activateWorkflow(id: $id) { id status version } }`;
export const ARCHIVE = `mutation ($id: ID!) { archiveWorkflow(id: $id) { id status version } }`;
export const START = `mutation ($id: ID!, $input: JSON, $key: String) { startRun(workflowId: $id, input: $input, idempotencyKey: $key) { ${RUN_FIELDS} } }`;
export const GET_RUN = `query ($id: ID!) { workflowRun(id: $id) { ${RUN_FIELDS} workflow { id } history { version type data } } }`;
export const SIGNAL = `mutation ($id: ID!, $signal: String!, $payload: JSON) { signalRun(runId: $id, signal: $signal, payload: $payload) { ${RUN_FIELDS} } }`;
export const CANCEL = `mutation ($id: ID!) { cancelRun(runId: $id) { ${RUN_FIELDS} } }`;
export const RETRY = `mutation ($id: ID!) { retryRun(runId: $id) { ${RUN_FIELDS} } }`;
export const RUNS = `query ($id: ID!, $status: RunStatus) { workflow(id: $id) { runs(status: $status) { totalCount edges { cursor node { id status } } } } }`;
