import type { ActivityContext } from "./activities";
import type { GatewayClient } from "./gateway-client";
import { StepFailure } from "./step-failure";

export interface ContentIngestStepInput {
  title: string;
  content: string;
  format: string | null;
}

export interface KnowledgeLinkStepInput {
  concept: string;
  description: string | null;
  relatedTo: string | null;
  relationship: string;
  documentId: string | null;
}

const INGEST = /* GraphQL */ `
  mutation WorkflowIngest($input: IngestDocumentInput!) {
    ingestDocument(input: $input) { id title format status }
  }
`;
const UPSERT = /* GraphQL */ `
  mutation WorkflowUpsertConcept($input: UpsertConceptInput!) {
    upsertConcept(input: $input) { id name }
  }
`;
const RELATE = /* GraphQL */ `
  mutation WorkflowRelate($input: RelateConceptsInput!) {
    relateConcepts(input: $input) { type weight }
  }
`;
const LINK_DOCUMENT = /* GraphQL */ `
  mutation WorkflowLinkDocument($input: LinkDocumentInput!) {
    linkDocumentToConcept(input: $input) { id }
  }
`;

type Concept = { id: string; name: string };

/**
 * Steps that act on the other subgraphs through the gateway, as the run. Each mutation is
 * idempotent on its own (same content returns the same document, concepts upsert by name,
 * relating twice updates the weight), so a retried attempt does not duplicate anything.
 */
export function createGatewayActivities(gateway: GatewayClient | undefined) {
  const client = (nodeType: string): GatewayClient => {
    if (!gateway) throw new StepFailure(`${nodeType} nodes need the gateway: set GATEWAY_URL on the workflow service`, "GATEWAY_NOT_CONFIGURED", false);
    return gateway;
  };
  const actor = (context: ActivityContext) => ({ tenantId: context.tenantId, runId: context.runId });

  return {
    async contentIngest(input: ContentIngestStepInput, context: ActivityContext) {
      const variables = { input: { title: input.title, content: input.content, ...(input.format ? { format: input.format } : {}) } };
      const data = await client("contentIngest").request<{ ingestDocument: { id: string; title: string; format: string; status: string } }>(INGEST, variables, actor(context), context.signal);
      return data.ingestDocument;
    },

    async knowledgeLink(input: KnowledgeLinkStepInput, context: ActivityContext) {
      const gatewayClient = client("knowledgeLink");
      const upsert = async (name: string, description?: string | null) =>
        (await gatewayClient.request<{ upsertConcept: Concept }>(UPSERT, { input: { name, ...(description ? { description } : {}) } }, actor(context), context.signal)).upsertConcept;
      const concept = await upsert(input.concept, input.description);
      let related: Concept | null = null;
      if (input.relatedTo) {
        related = await upsert(input.relatedTo);
        await gatewayClient.request(RELATE, { input: { from: concept.id, to: related.id, type: input.relationship } }, actor(context), context.signal);
      }
      if (input.documentId) {
        await gatewayClient.request(LINK_DOCUMENT, { input: { documentId: input.documentId, conceptId: concept.id } }, actor(context), context.signal);
      }
      return { concept, related, relationship: related ? input.relationship : null, documentId: input.documentId };
    },
  };
}
