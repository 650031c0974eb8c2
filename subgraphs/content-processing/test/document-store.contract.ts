import { randomUUID } from "node:crypto";
import type { NewDocument } from "../src/domain/document";
import type { DocumentStore } from "../src/domain/document-store";
import { prepareDocument } from "../src/domain/prepare-document";

export interface DocumentStoreHarness {
  store: DocumentStore;
  close(): Promise<void>;
}

const GUIDE = "# Guide\n\nWelcome to the guide.\n\n## Install\n\nRun the installer, then restart.";

/** A document as ingest would hand it to the store, in its own tenant unless told. */
function draft(content: string, overrides: Partial<NewDocument> = {}): NewDocument {
  return {
    ...prepareDocument({ title: "A document", content }),
    tenantId: `tenant-${randomUUID()}`,
    id: randomUUID(),
    status: "READY",
    createdAt: new Date(),
    ...overrides,
  };
}

/** What every DocumentStore must do; each test uses its own tenants, so suites may share a database. */
export function documentStoreContract(open: () => Promise<DocumentStoreHarness>): void {
  let store: DocumentStore;
  let harness: DocumentStoreHarness | undefined;
  // Starting PGlite (Postgres compiled to WASM) takes seconds on a small machine.
  beforeAll(async () => {
    harness = await open();
    store = harness.store;
  }, 120_000);
  afterAll(() => harness?.close());

  it("stores a document with its chunks and reads both back", async () => {
    const written = draft(GUIDE);
    const { document, created } = await store.createOrGet(written);
    expect(created).toBe(true);
    const { chunks, ...fields } = written;
    expect(document).toEqual({ ...fields, chunkCount: 2, updatedAt: written.createdAt });
    expect(await store.getMany(written.tenantId, [written.id])).toEqual([document]);
    expect(await store.chunksOf(written.tenantId, written.id)).toEqual(chunks);
    expect(chunks.map((c) => c.headingPath)).toEqual([["Guide"], ["Guide", "Install"]]);
  });

  it("returns the tenant's existing document for the same content, writing nothing", async () => {
    const first = draft(GUIDE);
    await store.createOrGet(first);
    const again = await store.createOrGet({ ...draft(GUIDE, { tenantId: first.tenantId }), title: "Another title" });
    expect(again.created).toBe(false);
    expect(again.document).toMatchObject({ id: first.id, title: "A document" });
    expect((await store.list(first.tenantId, { first: 10 })).totalCount).toBe(1);
  });

  it("answers concurrent writes of the same content with one document", async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const results = await Promise.all([store.createOrGet(draft(GUIDE, { tenantId })), store.createOrGet(draft(GUIDE, { tenantId }))]);
    expect(new Set(results.map((r) => r.document.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("keeps tenants apart: same content is two documents, and ids do not cross", async () => {
    const [a, b] = [draft(GUIDE), draft(GUIDE)];
    expect((await store.createOrGet(a)).created).toBe(true);
    expect((await store.createOrGet(b)).created).toBe(true);
    expect(await store.getMany(a.tenantId, [b.id])).toEqual([]);
    expect(await store.chunksOf(a.tenantId, b.id)).toEqual([]);
    const listed = await store.list(a.tenantId, { first: 10 });
    expect(listed.documents.map((d) => d.id)).toEqual([a.id]);
  });

  it("leaves out unknown and malformed ids", async () => {
    const known = draft("Known text.");
    await store.createOrGet(known);
    const found = await store.getMany(known.tenantId, [randomUUID(), "not-a-uuid", "", known.id, known.id]);
    expect(found.map((d) => d.id)).toEqual([known.id]);
    expect(await store.chunksOf(known.tenantId, "not-a-uuid")).toEqual([]);
  });

  it("pages newest first, ties broken by id, with a total count", async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const base = Date.parse("2025-03-01T10:00:00.000Z");
    // Two documents share a timestamp: the cursor must not skip or repeat either.
    const offsets = [0, 1000, 2000, 2000, 3000];
    const drafts = offsets.map((ms, i) => draft(`Document number ${i}.`, { tenantId, createdAt: new Date(base + ms) }));
    for (const d of drafts) await store.createOrGet(d);
    const expected = [...drafts].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : 1)).map((d) => d.id);

    const seen: string[] = [];
    let after: (typeof drafts)[number] | undefined;
    for (;;) {
      const page = await store.list(tenantId, { first: 2, ...(after ? { after } : {}) });
      expect(page.totalCount).toBe(5);
      seen.push(...page.documents.map((d) => d.id));
      if (!page.hasNextPage) break;
      after = drafts.find((d) => d.id === page.documents.at(-1)!.id);
    }
    expect(seen).toEqual(expected);
    expect(await store.list(tenantId, { first: 0 })).toEqual({ documents: [], hasNextPage: true, totalCount: 5 });
  });

  it("writes no document and no chunk when part of the write fails", async () => {
    const good = draft(GUIDE);
    // Two chunks at one ordinal violate the chunk key after the document row went in.
    const broken = { ...good, chunks: [good.chunks[0]!, { ...good.chunks[1]!, ordinal: 0 }] };
    await expect(store.createOrGet(broken)).rejects.toThrow();
    expect(await store.getMany(good.tenantId, [good.id])).toEqual([]);
    expect(await store.chunksOf(good.tenantId, good.id)).toEqual([]);
    expect((await store.list(good.tenantId, { first: 10 })).totalCount).toBe(0);
    // Nothing half-written blocks the content hash either.
    expect((await store.createOrGet(good)).created).toBe(true);
  });
}
