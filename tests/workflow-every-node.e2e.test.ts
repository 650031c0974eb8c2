import { gql } from "@apollo/client";
import { startHttpMcpServer } from "../subgraphs/workflow/test/mcp/fixtures/http-server";
import { startSideEffectServer } from "../subgraphs/workflow/test/side-effect-server";
import { apolloClient, signToken } from "./support/clients";
import { startTestStack, type TestStack } from "./support/stack";

const REGISTER_MCP = gql`
  mutation Register($input: RegisterMcpServerInput!) { registerMcpServer(input: $input) { id transport headers { name maskedValue } } }
`;
const CREATE = gql`
  mutation Create($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id definition { nodes { type } } } }
`;
const ACTIVATE = gql`
  mutation Activate($id: ID!) { activateWorkflow(id: $id) { id status } }
`;
const START = gql`
  mutation Start($id: ID!, $input: JSON) { startRun(workflowId: $id, input: $input) { id status } }
`;
const SIGNAL = gql`
  mutation Signal($runId: ID!) { signalRun(runId: $runId, signal: "approve", payload: { ok: true }) { id } }
`;
const RUN = gql`
  query Run($id: ID!) {
    workflowRun(id: $id) {
      id status output error { message code nodeId }
      steps { nodeId type status attempt input output error { message code retryable } }
      history { version type }
    }
  }
`;
const DOCUMENT = gql`
  query Document($id: ID!) { document(id: $id) { id title format } }
`;
const CONCEPTS = gql`
  query Concepts($search: String!) { concepts(search: $search) { edges { node { id name description documents { id title } } } } }
`;
const NEIGHBORHOOD = gql`
  query Neighborhood($id: ID!) { conceptNeighborhood(id: $id, depth: 1) { edges { from { name } to { name } type } } }
`;

/**
 * Every node type in one workflow: a condition whose true branch fans out to http, llm and
 * mcpTool (the else branch is skipped), a join, a delay, a signal, then a document ingested
 * into content-processing and linked into the knowledge graph, through the gateway.
 */
const definition = (endpointUrl: string) => ({
  nodes: [
    { id: "start", type: "transform", config: { expression: "{ 'topic': input.topic, 'pages': input.pages }" } },
    { id: "long", type: "condition", config: { expression: "steps.start.pages > 10" } },
    { id: "fan", type: "parallel", config: {} },
    { id: "notify", type: "http", config: { method: "POST", url: `${endpointUrl}/topics/{{ input.topic }}`, body: "{ 'pages': steps.start.pages }" } },
    { id: "summary", type: "llm", config: { prompt: "Summarize {{ input.topic }}", model: "local-small" } },
    { id: "lookup", type: "mcpTool", config: { server: "research", tool: "echo", arguments: "{ 'text': 'Facts about ' & input.topic }" } },
    { id: "short", type: "transform", config: { expression: "'short read'" } },
    { id: "merge", type: "join", config: {} },
    { id: "pause", type: "delay", config: { durationMs: 20 } },
    { id: "approval", type: "waitForSignal", config: { signal: "approve" } },
    {
      id: "ingest",
      type: "contentIngest",
      config: { title: "Notes on {{ input.topic }}", content: "# {{ input.topic }}\n\n{{ steps.lookup.text }}\n\n{{ steps.summary.text }}", format: "MARKDOWN" },
    },
    {
      id: "link",
      type: "knowledgeLink",
      config: { concept: "{{ input.topic }}", description: "Learned by a workflow run", relatedTo: "Graph theory", relationship: "PREREQUISITE", documentId: "{{ steps.ingest.id }}" },
    },
    { id: "done", type: "transform", config: { expression: "{ 'document': steps.ingest.id, 'concept': steps.link.concept.name, 'approved': steps.approval.ok }" } },
  ],
  edges: [
    { from: "start", to: "long" },
    { from: "long", to: "fan", when: "true" },
    { from: "long", to: "short", when: "else" },
    { from: "fan", to: "notify" },
    { from: "fan", to: "summary" },
    { from: "fan", to: "lookup" },
    { from: "notify", to: "merge" },
    { from: "summary", to: "merge" },
    { from: "lookup", to: "merge" },
    { from: "short", to: "merge" },
    { from: "merge", to: "pause" },
    { from: "pause", to: "approval" },
    { from: "approval", to: "ingest" },
    { from: "ingest", to: "link" },
    { from: "link", to: "done" },
  ],
});

describe("a workflow with every node type, through the gateway", () => {
  let stack: TestStack;
  let mcp: Awaited<ReturnType<typeof startHttpMcpServer>>;
  let endpoint: Awaited<ReturnType<typeof startSideEffectServer>>;
  beforeAll(async () => {
    [stack, mcp, endpoint] = await Promise.all([startTestStack(), startHttpMcpServer("e2e"), startSideEffectServer()]);
  }, 90_000);
  afterAll(async () => {
    await stack?.close();
    await mcp?.close();
    await endpoint?.close();
  });

  it("runs to SUCCEEDED, records every step, and leaves the document and the concept in the other subgraphs", async () => {
    const tenant = `every-node-${Date.now()}`;
    const client = apolloClient(stack.gateway.url, await signToken(stack.jwt, { tenant, sub: "ada", roles: ["admin"] }));
    const registered = await client.mutate<any>({
      mutation: REGISTER_MCP,
      variables: { input: { id: "research", transport: "HTTP", url: mcp.url, headers: [{ name: "Authorization", value: "Bearer mcp-secret" }] } },
    });
    expect(registered.data.registerMcpServer).toMatchObject({ id: "research", transport: "HTTP", headers: [{ name: "Authorization", maskedValue: "********" }] });

    const created = (await client.mutate<any>({ mutation: CREATE, variables: { input: { name: "Every node", definition: definition(endpoint.url) } } })).data.createWorkflow;
    expect(new Set(created.definition.nodes.map((node: { type: string }) => node.type)).size).toBe(11);
    await client.mutate({ mutation: ACTIVATE, variables: { id: created.id } });
    const topic = `Spectral clustering ${Date.now()}`;
    const run = (await client.mutate<any>({ mutation: START, variables: { id: created.id, input: { topic, pages: 12 } } })).data.startRun;

    const readRun = async () => (await client.query<any>({ query: RUN, variables: { id: run.id } })).data.workflowRun;
    const atApproval = await poll(readRun, (current) => current.status === "FAILED" || current.steps.some((step: any) => step.nodeId === "approval" && step.status === "WAITING"));
    expect(atApproval.status).toBe("WAITING");
    await client.mutate({ mutation: SIGNAL, variables: { runId: run.id } });
    const done = await poll(readRun, (current) => ["SUCCEEDED", "FAILED"].includes(current.status));

    expect(done.error).toBeNull();
    expect(done.status).toBe("SUCCEEDED");
    const steps = Object.fromEntries(done.steps.map((step: any) => [step.nodeId, step]));
    expect(steps.short.status).toBe("SKIPPED");
    expect(Object.values(steps).filter((step: any) => step.status === "SUCCEEDED")).toHaveLength(12);
    expect(steps.lookup.output).toMatchObject({ text: `Facts about ${topic}`, structuredContent: { instance: "e2e" } });
    expect(steps.summary.output).toMatchObject({ provider: "local" });
    expect(steps.notify.output).toMatchObject({ status: 200 });
    expect(endpoint.calls.filter((call) => call.method === "POST")).toHaveLength(1);
    expect(mcp.seenHeaders.some((headers) => headers.authorization === "Bearer mcp-secret")).toBe(true);
    expect(done.output).toEqual({ done: { document: steps.ingest.output.id, concept: topic, approved: true } });

    const history = done.history.map((event: any) => event.type);
    expect(history[0]).toBe("RunStarted");
    expect(history.at(-1)).toBe("RunSucceeded");
    expect(history).toEqual(expect.arrayContaining(["StepStarted", "StepWaiting", "StepSucceeded", "StepSkipped"]));

    // The side effects, read back through the gateway as the user: the run acted in their tenant.
    const document = (await client.query<any>({ query: DOCUMENT, variables: { id: steps.ingest.output.id } })).data.document;
    expect(document).toMatchObject({ id: steps.ingest.output.id, title: `Notes on ${topic}`, format: "MARKDOWN" });
    const concepts = (await client.query<any>({ query: CONCEPTS, variables: { search: topic } })).data.concepts.edges.map((edge: any) => edge.node);
    expect(concepts).toEqual([
      expect.objectContaining({ name: topic, description: "Learned by a workflow run", documents: [expect.objectContaining({ id: document.id, title: `Notes on ${topic}` })] }),
    ]);
    const neighborhood = (await client.query<any>({ query: NEIGHBORHOOD, variables: { id: concepts[0].id } })).data.conceptNeighborhood;
    expect(neighborhood.edges).toEqual([expect.objectContaining({ from: expect.objectContaining({ name: topic }), to: expect.objectContaining({ name: "Graph theory" }), type: "PREREQUISITE" })]);
  }, 60_000);
});

/** Polls until `done` holds (the executor runs on its own: no fixed sleeps). */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not there in time: ${JSON.stringify(value).slice(0, 3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
