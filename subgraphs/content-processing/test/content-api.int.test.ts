import type { Identity } from "@aiwf/platform";
import { testIdentity } from "@aiwf/platform/testkit";
import { type ContentAppHarness, startContentApp } from "./fixtures/content-app";

const MIB = 1024 * 1024;
const DOCUMENT_FIELDS = "id title format status text wordCount chunkCount failureReason createdAt updatedAt";
const INGEST = `mutation Ingest($input: IngestDocumentInput!) { ingestDocument(input: $input) { ${DOCUMENT_FIELDS} } }`;
const GUIDE = "# Guide\n\nWelcome to the [guide](https://example.com/guide).\n\n## Install\n\n- Download it\n- Run it";

let app: ContentAppHarness;
// Each ingest is a second later than the one before: newest-first order is the ingest order.
let tick = 0;
const clock = () => new Date(Date.UTC(2025, 0, 1) + tick++ * 1000);

beforeAll(async () => {
  app = await startContentApp({ clock });
}, 120_000);
afterAll(() => app?.stop());

const call = (identity: Identity | null, query: string, variables?: Record<string, unknown>) => app.call(identity, query, variables);
const ingest = (identity: Identity, input: Record<string, unknown>) => call(identity, INGEST, { input });
const totalCount = async (identity: Identity) => (await call(identity, "{ documents { totalCount } }")).data.documents.totalCount;

describe("ingesting and reading documents", () => {
  it("ingests Markdown PENDING, processes it in the background, and reads it back by id and in the list", async () => {
    const owner = testIdentity();
    const { data, errors } = await ingest(owner, { title: "  Guide ", content: GUIDE });
    expect(errors).toBeUndefined();
    expect(data.ingestDocument).toMatchObject({ title: "Guide", format: "MARKDOWN", status: "PENDING", text: "", chunkCount: 0, failureReason: null });
    const { id } = data.ingestDocument;
    expect(await app.settled(owner, id)).toMatchObject({ status: "READY" });
    const read = (await call(owner, `query ($id: ID!) { document(id: $id) { ${DOCUMENT_FIELDS} chunks { ordinal text headingPath } } }`, { id })).data.document;
    expect(read).toMatchObject({ status: "READY", text: GUIDE, wordCount: 10, chunkCount: 2 }); // Guide Welcome to the guide Install Download it Run it
    expect(read.chunks).toEqual([
      { ordinal: 0, text: "Welcome to the [guide](https://example.com/guide).", headingPath: ["Guide"] },
      { ordinal: 1, text: "- Download it\n- Run it", headingPath: ["Guide", "Install"] },
    ]);
    const listed = await call(owner, "{ documents { totalCount edges { node { id } } } }");
    expect(listed.data.documents).toEqual({ totalCount: 1, edges: [{ node: { id } }] });
  });

  it("ingests plain text, with the format detected or declared", async () => {
    const owner = testIdentity();
    const detected = await ingest(owner, { title: "Note", content: "Buy milk.\r\n\r\nCall Sam at noon." });
    expect(detected.data.ingestDocument).toMatchObject({ format: "TEXT", status: "PENDING" });
    expect(await app.settled(owner, detected.data.ingestDocument.id)).toMatchObject({ status: "READY" });
    const read = await call(owner, "query ($id: ID!) { document(id: $id) { text wordCount chunkCount } }", { id: detected.data.ingestDocument.id });
    expect(read.data.document).toEqual({ text: "Buy milk.\n\nCall Sam at noon.", wordCount: 6, chunkCount: 1 });
    const declared = await ingest(owner, { title: "Other", content: "Another note.", format: "TEXT" });
    expect(declared.data.ingestDocument).toMatchObject({ format: "TEXT" });
  });

  it("returns the existing document when the tenant ingests the same content again", async () => {
    const owner = testIdentity();
    const first = (await ingest(owner, { title: "First", content: GUIDE })).data.ingestDocument;
    const again = (await ingest(owner, { title: "Second", content: `${GUIDE.replace(/\n/g, "\r\n")}\n\n` })).data.ingestDocument;
    expect(again.id).toBe(first.id);
    expect(again.title).toBe("First");
    expect(await totalCount(owner)).toBe(1);
  });

  it("pages newest first with opaque cursors", async () => {
    const owner = testIdentity();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await ingest(owner, { title: `Doc ${n}`, content: `Document number ${n}.` })).data.ingestDocument.id);
    const page = `query ($after: String) { documents(first: 2, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await call(owner, page)).data.documents;
    expect(first.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1].cursor });
    const second = (await call(owner, page, { after: first.pageInfo.endCursor })).data.documents;
    expect(second).toMatchObject({ totalCount: 3, edges: [{ node: { id: ids[0] } }], pageInfo: { hasNextPage: false } });
    const bad = await call(owner, page, { after: "bm90LWEtY3Vyc29y" });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});

describe("refusing requests", () => {
  it("refuses a call without the gateway's identity", async () => {
    const result = await call(null, "{ documents { totalCount } }");
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it.each([
    ["a declared format the content contradicts", { title: "Mismatch", content: "Just a plain sentence.", format: "MARKDOWN" }, "input.format"],
    ["an over-long title", { title: "x".repeat(301), content: "Fine content." }, "input.title"],
    ["both content and contentBase64", { title: "Both", content: "a", contentBase64: "YQ==" }, "input.content"],
    ["base64 that is not base64", { title: "Bad", contentBase64: "%%%" }, "input.contentBase64"],
  ])("refuses %s as BAD_USER_INPUT naming the field, writing nothing", async (_, input, field) => {
    const owner = testIdentity();
    const { data, errors } = await ingest(owner, input);
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await totalCount(owner)).toBe(0);
  });

  it("refuses content over 1 MiB as PAYLOAD_TOO_LARGE with the limit, writing nothing", async () => {
    const owner = testIdentity();
    const { errors } = await ingest(owner, { title: "Huge", content: "a".repeat(MIB + 1) });
    expect(errors?.[0]?.extensions).toEqual({ code: "PAYLOAD_TOO_LARGE", field: "input.content", limit: MIB });
    expect(await totalCount(owner)).toBe(0);
  });

  it("answers NOT_FOUND for reprocessing or deleting a document the tenant does not have", async () => {
    const [owner, stranger] = [testIdentity(), testIdentity()];
    const { id } = (await ingest(owner, { title: "Mine", content: "Private words." })).data.ingestDocument;
    for (const mutation of ["reprocessDocument(id: $id) { id }", "deleteDocument(id: $id)"]) {
      const { errors } = await call(stranger, `mutation ($id: ID!) { ${mutation} }`, { id });
      expect(errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    expect(await totalCount(owner)).toBe(1);
  });

  it("refuses an empty query and an out-of-range page size, naming the argument", async () => {
    const owner = testIdentity();
    const empty = await call(owner, '{ searchDocuments(query: "  ") { score } }');
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query" });
    const tooMany = await call(owner, '{ searchDocuments(query: "x", first: 51) { score } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});

describe("tenant isolation", () => {
  it("keeps each tenant's documents its own, even for identical content", async () => {
    const [alice, bob] = [testIdentity(), testIdentity()];
    const ofAlice = (await ingest(alice, { title: "Shared", content: GUIDE })).data.ingestDocument;
    const ofBob = (await ingest(bob, { title: "Shared", content: GUIDE })).data.ingestDocument;
    expect(ofBob.id).not.toBe(ofAlice.id);
    const seenByBob = await call(bob, "query ($id: ID!) { document(id: $id) { id } documents { edges { node { id } } } }", { id: ofAlice.id });
    expect(seenByBob.data).toEqual({ document: null, documents: { edges: [{ node: { id: ofBob.id } }] } });
  });
});

describe("federation", () => {
  it("resolves Document references for their owner only; unknown ids are null", async () => {
    const [owner, stranger] = [testIdentity(), testIdentity()];
    const { id } = (await ingest(owner, { title: "Entity", content: "Referenced from other subgraphs." })).data.ingestDocument;
    await app.settled(owner, id);
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Document { id title wordCount } } }`;
    const representations = [
      { __typename: "Document", id },
      { __typename: "Document", id: "00000000-0000-4000-8000-000000000000" },
      { __typename: "Document", id: "not-a-uuid" },
    ];
    expect((await call(owner, query, { representations })).data._entities).toEqual([{ id, title: "Entity", wordCount: 4 }, null, null]);
    expect((await call(stranger, query, { representations })).data._entities).toEqual([null, null, null]);
  });

  it("publishes Document as an entity keyed by id", async () => {
    const { data } = await call(testIdentity(), "{ _service { sdl } }");
    expect(data._service.sdl).toMatch(/type Document\s+@key\(fields: "id"\)/);
  });
});
