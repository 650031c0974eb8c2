import { gql } from "@apollo/client";
import { apolloClient, signToken, withoutTypename } from "./support/clients";
import { startTestStack, type TestStack } from "./support/stack";

/** Sets up, through the gateway, one of everything a tenant owns, linked across subgraphs. */
const CREATE_WORKFLOW = gql`
  mutation CreateWorkflow($name: String!) {
    createWorkflow(input: { name: $name, description: "Summarise and file new documents" }) { id name status }
  }
`;
const INGEST = gql`
  mutation Ingest($title: String!, $content: String!) {
    ingestDocument(input: { title: $title, content: $content }) { id title format status wordCount }
  }
`;
const UPSERT_CONCEPT = gql`
  mutation Upsert($name: String!) { upsertConcept(input: { name: $name, difficulty: BEGINNER }) { id name } }
`;
const RELATE = gql`
  mutation Relate($from: ID!, $to: ID!) { relateConcepts(input: { from: $from, to: $to, type: PREREQUISITE, weight: 0.8 }) { type weight } }
`;
const LINK = gql`
  mutation Link($documentId: ID!, $conceptId: ID!) { linkDocumentToConcept(input: { documentId: $documentId, conceptId: $conceptId }) { id } }
`;
const SEND = gql`
  mutation Send($channelId: ID!, $body: String!, $documentId: ID, $workflowId: ID) {
    sendMessage(input: { channelId: $channelId, body: $body, documentId: $documentId, workflowId: $workflowId }) { id }
  }
`;

/** One query that needs all four subgraphs to answer. */
const ACROSS_ALL_FOUR = gql`
  query AcrossAllFour($channel: ID!) {
    channel(id: $channel) {
      messages(first: 10) {
        edges {
          node {
            body
            workflow { name status }
            document {
              title
              wordCount
              concepts { name prerequisites { name } documents { title } }
            }
          }
        }
      }
    }
  }
`;

/** Processing runs off the request path: poll the document until `done` holds. */
async function waitForDocument(client: ReturnType<typeof apolloClient>, id: string, done: (document: any) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await client.query<any>({
      query: gql`query Doc($id: ID!) { document(id: $id) { id title format status wordCount concepts { name importance documents { title } } } }`,
      variables: { id },
    });
    if (result.data?.document && done(result.data.document)) return result.data.document;
    if (Date.now() > deadline) throw new Error(`document ${id} did not get there: ${JSON.stringify(result.data)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function seedTenant(url: string, token: string, names: { workflow: string; document: string }) {
  const client = apolloClient(url, token);
  const workflow = (await client.mutate<any>({ mutation: CREATE_WORKFLOW, variables: { name: names.workflow } })).data.createWorkflow;
  const markdown = `# ${names.document}\n\nEmbeddings map text to vectors so that similar meaning lands close together.\n`;
  const ingested = (await client.mutate<any>({ mutation: INGEST, variables: { title: names.document, content: markdown } })).data.ingestDocument;
  const document = await waitForDocument(client, ingested.id, (doc) => doc.status === "READY");
  const vectors = (await client.mutate<any>({ mutation: UPSERT_CONCEPT, variables: { name: "Vectors" } })).data.upsertConcept;
  const embeddings = (await client.mutate<any>({ mutation: UPSERT_CONCEPT, variables: { name: "Embeddings" } })).data.upsertConcept;
  await client.mutate<any>({ mutation: RELATE, variables: { from: vectors.id, to: embeddings.id } });
  await client.mutate<any>({ mutation: LINK, variables: { documentId: document.id, conceptId: embeddings.id } });
  await client.mutate<any>({ mutation: SEND, variables: { channelId: "general", body: "Please review", documentId: document.id, workflowId: workflow.id } });
  return { client, workflow, document };
}

describe("the supergraph through the gateway (Apollo Client)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 60_000);
  afterAll(() => stack?.close());

  it("answers one query with data from all four subgraphs", async () => {
    const token = await signToken(stack.jwt, { tenant: `acme-${Date.now()}` });
    const { client, document } = await seedTenant(stack.gateway.url, token, { workflow: "Triage", document: "Embeddings 101" });
    expect(document).toMatchObject({ title: "Embeddings 101", format: "MARKDOWN", status: "READY" });

    const result = await client.query<any>({ query: ACROSS_ALL_FOUR, variables: { channel: "general" } });
    expect(result.error).toBeUndefined();
    const [edge] = withoutTypename(result.data.channel.messages.edges) as any[];
    expect(edge.node).toMatchObject({ body: "Please review", workflow: { name: "Triage", status: "DRAFT" }, document: { title: "Embeddings 101", wordCount: document.wordCount } });
    const embeddings = edge.node.document.concepts.find((concept: any) => concept.name === "Embeddings");
    expect(embeddings).toEqual({ name: "Embeddings", prerequisites: [{ name: "Vectors" }], documents: [{ title: "Embeddings 101" }] });
  });

  it("links an ingested document to its concepts, ranked by importance, from the DocumentProcessed event", async () => {
    const token = await signToken(stack.jwt, { tenant: `graph-${Date.now()}` });
    const client = apolloClient(stack.gateway.url, token);
    const markdown = "# Gradient descent\n\nGradient descent minimises a loss function. Learning rate controls each gradient descent step on the loss function.\n";
    const { id } = (await client.mutate<any>({ mutation: INGEST, variables: { title: "Optimisation notes", content: markdown } })).data.ingestDocument;
    // Concepts arrive through content -> event bus -> knowledge-graph; importance after the debounced recompute.
    const document = await waitForDocument(client, id, (doc) => doc.concepts.length > 0 && doc.concepts.every((concept: any) => concept.importance !== null));
    expect(document.status).toBe("READY");
    for (const concept of document.concepts) {
      expect(concept.importance).toBeGreaterThan(0);
      expect(concept.documents).toEqual([{ __typename: "Document", title: "Optimisation notes" }]);
    }
    expect(document.concepts.map((concept: any) => concept.name.toLowerCase()).join(" ")).toMatch(/gradient|loss/);
  });

  it("keeps two tenants who write the same names apart in every subgraph", async () => {
    const stamp = Date.now();
    const [a, b] = await Promise.all(
      [`red-${stamp}`, `blue-${stamp}`].map(async (tenant) => {
        const token = await signToken(stack.jwt, { tenant });
        return seedTenant(stack.gateway.url, token, { workflow: "Same name", document: "Same title" });
      }),
    );
    for (const [mine, theirs] of [[a!, b!], [b!, a!]] as const) {
      const result = await mine.client.query<any>({
        query: gql`
          query Mine($channel: ID!, $theirWorkflow: ID!, $theirDocument: ID!) {
            workflows(first: 50) { edges { node { id } } }
            documents(first: 50) { edges { node { id } } }
            concepts(first: 50) { edges { node { name documents { id } } } }
            channel(id: $channel) { messages(first: 50) { edges { node { document { id } workflow { id } } } } }
            theirWorkflow: workflow(id: $theirWorkflow) { id }
            theirDocument: document(id: $theirDocument) { id }
          }
        `,
        variables: { channel: "general", theirWorkflow: theirs.workflow.id, theirDocument: theirs.document.id },
      });
      expect(withoutTypename(result.data.workflows.edges).map((e: any) => e.node.id)).toEqual([mine.workflow.id]);
      expect(withoutTypename(result.data.documents.edges).map((e: any) => e.node.id)).toEqual([mine.document.id]);
      const linked = result.data.concepts.edges.flatMap((e: any) => e.node.documents.map((d: any) => d.id));
      expect([...new Set(linked)]).toEqual([mine.document.id]);
      expect(withoutTypename(result.data.channel.messages.edges)).toEqual([{ node: { document: { id: mine.document.id }, workflow: { id: mine.workflow.id } } }]);
      expect(result.data.theirWorkflow).toBeNull();
      expect(result.data.theirDocument).toBeNull();
    }
  });
});
