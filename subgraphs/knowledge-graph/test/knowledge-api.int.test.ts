import { createLogger, type Identity, type RunningServer } from "@aiwf/platform";
import { callSubgraph, TEST_INTERNAL_SECRET, testIdentity } from "@aiwf/platform/testkit";
import { randomUUID } from "node:crypto";
import { InProcessEventBus } from "@aiwf/platform/events";
import { createApp } from "../src/app";
import { EmbeddedGraphStore } from "../src/store/embedded-graph-store";

const UPSERT = `mutation Upsert($input: UpsertConceptInput!) {
  upsertConcept(input: $input) { id name description difficulty tags }
}`;
const RELATE = `mutation Relate($input: RelateConceptsInput!) {
  relateConcepts(input: $input) { from { name } to { name } type weight }
}`;
const LINK = `mutation Link($input: LinkDocumentInput!) {
  linkDocumentToConcept(input: $input) { name documents { id } }
}`;

describe("knowledge-graph subgraph API", () => {
  let server: RunningServer;
  const events = new InProcessEventBus();
  beforeAll(async () => {
    server = await createApp({
      store: await EmbeddedGraphStore.open(),
      events,
      logger: createLogger({ service: "knowledge-graph", level: "silent" }),
      port: 0,
      host: "127.0.0.1",
      internalTokenSecret: TEST_INTERNAL_SECRET,
    }).start();
  });
  afterAll(async () => {
    await server?.stop();
    await events.close();
  });

  const call = (identity: Identity | null, query: string, variables?: Record<string, unknown>) =>
    callSubgraph(server.url, { query, variables }, identity);

  async function upsert(identity: Identity, input: Record<string, unknown>): Promise<string> {
    const result = await call(identity, UPSERT, { input });
    expect(result.errors).toBeUndefined();
    return result.data.upsertConcept.id;
  }

  it("upserts concepts by name, relates them and answers prerequisites", async () => {
    const caller = testIdentity();
    const algebra = await upsert(caller, { name: "Algebra", difficulty: "BEGINNER", tags: ["math"] });
    const calculus = await upsert(caller, { name: "Calculus" });
    const again = await call(caller, UPSERT, { input: { name: "  ALGEBRA ", description: "Symbols and rules." } });
    expect(again.data.upsertConcept).toEqual({ id: algebra, name: "ALGEBRA", description: "Symbols and rules.", difficulty: "BEGINNER", tags: ["math"] });

    const related = await call(caller, RELATE, { input: { from: algebra, to: calculus, type: "PREREQUISITE" } });
    expect(related).toEqual({ data: { relateConcepts: { from: { name: "ALGEBRA" }, to: { name: "Calculus" }, type: "PREREQUISITE", weight: 1 } } });

    const read = await call(caller, `query($id: ID!) { concept(id: $id) { name prerequisites { id name } } }`, { id: calculus });
    expect(read.data).toEqual({ concept: { name: "Calculus", prerequisites: [{ id: algebra, name: "ALGEBRA" }] } });
  });

  it("links documents and contributes Document.concepts through _entities", async () => {
    const caller = testIdentity();
    const graphs = await upsert(caller, { name: "Graphs" });
    const trees = await upsert(caller, { name: "Trees" });
    const documentId = randomUUID();
    for (const conceptId of [trees, graphs]) {
      const linked = await call(caller, LINK, { input: { documentId, conceptId } });
      expect(linked.data.linkDocumentToConcept.documents).toEqual([{ id: documentId }]);
    }
    const entities = await call(
      caller,
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Document { id concepts { name } } } }`,
      { representations: [{ __typename: "Document", id: documentId }, { __typename: "Document", id: "never-linked" }] },
    );
    expect(entities).toEqual({
      data: { _entities: [{ id: documentId, concepts: [{ name: "Graphs" }, { name: "Trees" }] }, { id: "never-linked", concepts: [] }] },
    });
  });

  it("refuses a prerequisite cycle as BAD_USER_INPUT on the field, naming the cycle", async () => {
    const caller = testIdentity();
    const a = await upsert(caller, { name: "a" });
    const b = await upsert(caller, { name: "b" });
    await call(caller, RELATE, { input: { from: a, to: b, type: "PREREQUISITE" } });
    const cycle = await call(caller, RELATE, { input: { from: b, to: a, type: "PREREQUISITE" } });
    expect(cycle.data).toBeNull();
    expect(cycle.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.to", reason: "CYCLE" } });
    expect(cycle.errors?.[0]?.message).toContain("b -> a -> b");
    const weight = await call(caller, RELATE, { input: { from: a, to: b, type: "RELATED", weight: 1.5 } });
    expect(weight.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.weight" });
    const missing = await call(caller, LINK, { input: { documentId: "d", conceptId: randomUUID() } });
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("answers UNAUTHENTICATED without the gateway's identity", async () => {
    const result = await call(null, `{ concepts { totalCount } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("keeps tenants apart", async () => {
    const [mine, theirs] = [testIdentity(), testIdentity()];
    const myAlgebra = await upsert(mine, { name: "Algebra" });
    const theirAlgebra = await upsert(theirs, { name: "Algebra" });
    expect(theirAlgebra).not.toBe(myAlgebra);
    expect((await call(theirs, `query($id: ID!) { concept(id: $id) { id } }`, { id: myAlgebra })).data).toEqual({ concept: null });
    const listed = await call(theirs, `{ concepts { totalCount edges { node { id } } } }`);
    expect(listed.data.concepts).toEqual({ totalCount: 1, edges: [{ node: { id: theirAlgebra } }] });
    const relate = await call(theirs, RELATE, { input: { from: theirAlgebra, to: myAlgebra, type: "RELATED" } });
    expect(relate.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("resolves Concept entities in one batch, null for unknown ids", async () => {
    const caller = testIdentity();
    const sets = await upsert(caller, { name: "Sets" });
    const logic = await upsert(caller, { name: "Logic" });
    const unknown = randomUUID();
    const entities = await call(
      caller,
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Concept { id name } } }`,
      { representations: [sets, unknown, logic].map((id) => ({ __typename: "Concept", id })) },
    );
    expect(entities).toEqual({ data: { _entities: [{ id: sets, name: "Sets" }, null, { id: logic, name: "Logic" }] } });
  });

  it("pages through concepts with opaque cursors", async () => {
    const caller = testIdentity();
    for (const name of ["c", "a", "b"]) await upsert(caller, { name });
    const page = `query($after: String) { concepts(first: 2, after: $after) {
      totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await call(caller, page)).data.concepts;
    expect(first.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(["a", "b"]);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1].cursor });
    const second = (await call(caller, page, { after: first.pageInfo.endCursor })).data.concepts;
    expect(second).toMatchObject({ totalCount: 3, edges: [{ node: { name: "c" } }], pageInfo: { hasNextPage: false } });
    const bad = await call(caller, page, { after: "not-a-cursor" });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("answers learning paths, neighbourhoods, importance and communities", async () => {
    const caller = testIdentity();
    const [sets, logic, proofs, topology] = [await upsert(caller, { name: "Sets" }), await upsert(caller, { name: "Logic" }), await upsert(caller, { name: "Proofs" }), await upsert(caller, { name: "Topology" })];
    await call(caller, RELATE, { input: { from: sets, to: proofs, type: "PREREQUISITE", weight: 0.5 } });
    await call(caller, RELATE, { input: { from: logic, to: proofs, type: "PREREQUISITE" } });
    await call(caller, RELATE, { input: { from: proofs, to: topology, type: "PREREQUISITE" } });

    const path = await call(caller, `query($from: ID!, $to: ID!) { learningPath(fromId: $from, toId: $to) { reachable totalCost concepts { name } } }`, { from: sets, to: topology });
    expect(path.data.learningPath).toEqual({ reachable: true, totalCost: 4, concepts: [{ name: "Logic" }, { name: "Proofs" }, { name: "Topology" }] });
    const none = await call(caller, `query($from: ID!, $to: ID!) { learningPath(fromId: $from, toId: $to) { reachable concepts { name } } }`, { from: logic, to: sets });
    expect(none.data.learningPath).toEqual({ reachable: false, concepts: [] });

    const around = await call(caller, `query($id: ID!) { conceptNeighborhood(id: $id, depth: 1) { truncated nodes { depth concept { name } } edges { from { name } to { name } type } } }`, { id: topology });
    expect(around.data.conceptNeighborhood).toEqual({ truncated: false, nodes: [{ depth: 0, concept: { name: "Topology" } }, { depth: 1, concept: { name: "Proofs" } }], edges: [{ from: { name: "Proofs" }, to: { name: "Topology" }, type: "PREREQUISITE" }] });

    const summary = await call(caller, `mutation { recomputeGraphMetrics { conceptCount relationshipCount communityCount computedAt } }`);
    expect(summary.data.recomputeGraphMetrics).toMatchObject({ conceptCount: 4, relationshipCount: 3, communityCount: 1 });
    // By hand: Proofs endorses Logic (1) and Sets (0.5), Topology endorses Proofs: Logic > Proofs > Sets > Topology.
    const ranked = await call(caller, `{ concepts(orderBy: IMPORTANCE, first: 2) { edges { cursor node { name community } } pageInfo { endCursor hasNextPage } } }`);
    expect(ranked.data.concepts.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(["Logic", "Proofs"]);
    const next = await call(caller, `query($after: String) { concepts(orderBy: IMPORTANCE, first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage } } }`, { after: ranked.data.concepts.pageInfo.endCursor });
    expect(next.data.concepts).toEqual({ edges: [{ node: { name: "Sets" } }, { node: { name: "Topology" } }], pageInfo: { hasNextPage: false } });
    const communities = await call(caller, `{ communities(top: 1) { community size topConcepts { name } } }`);
    expect(communities.data.communities).toEqual([{ community: 0, size: 4, topConcepts: [{ name: "Logic" }] }]);
  });

  it("removes relationships and merges concepts", async () => {
    const caller = testIdentity();
    const [ml, machineLearning, stats] = [await upsert(caller, { name: "ML" }), await upsert(caller, { name: "Machine Learning" }), await upsert(caller, { name: "Statistics" })];
    await call(caller, RELATE, { input: { from: stats, to: ml, type: "PREREQUISITE" } });
    await call(caller, RELATE, { input: { from: stats, to: machineLearning, type: "RELATED" } });
    const removed = await call(caller, `mutation($input: RemoveRelationshipInput!) { removeRelationship(input: $input) }`, { input: { from: stats, to: machineLearning, type: "RELATED" } });
    expect(removed.data).toEqual({ removeRelationship: true });
    const merged = await call(caller, `mutation($keep: ID!, $merge: ID!) { mergeConcepts(keepId: $keep, mergeId: $merge) { id name prerequisites { name } } }`, { keep: machineLearning, merge: ml });
    expect(merged.data.mergeConcepts).toEqual({ id: machineLearning, name: "Machine Learning", prerequisites: [{ name: "Statistics" }] });
    expect((await call(caller, `query($id: ID!) { concept(id: $id) { id } }`, { id: ml })).data).toEqual({ concept: null });
    const self = await call(caller, `mutation($id: ID!) { mergeConcepts(keepId: $id, mergeId: $id) { id } }`, { id: stats });
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "mergeId" });
  });

  it("publishes its federation SDL", async () => {
    const { data } = await call(testIdentity(), `{ _service { sdl } }`);
    expect(data._service.sdl).toMatch(/type Concept\s+@key\(fields: "id"\)/);
    expect(data._service.sdl).toMatch(/type Document\s+@key\(fields: "id"\)\s*\{\s*id: ID!\s+"""[^"]+"""\s*concepts: \[Concept!\]!\s*\}/);
  });
});
