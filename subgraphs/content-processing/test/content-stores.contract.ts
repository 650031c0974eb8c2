import { randomUUID } from "node:crypto";
import type { AnyEventEnvelope } from "@aiwf/platform/events";
import type { DocumentAnalysis } from "../src/domain/analysis";
import type { DocumentChunk, NewDocument } from "../src/domain/document";
import type { DocumentStore } from "../src/domain/document-store";
import type { Outbox, OutboxDraft } from "../src/domain/outbox";
import { prepareDocument } from "../src/domain/prepare-document";
import type { ClaimedJob, ProcessedDocument, ProcessingQueue } from "../src/domain/processing-queue";
import type { SearchIndex } from "../src/domain/search-index";
import { HashingEmbeddingProvider } from "../src/embedding/hashing-embedding-provider";

export interface ContentStoresHarness {
  documents: DocumentStore;
  queue: ProcessingQueue;
  search: SearchIndex;
  outbox: Outbox;
  close(): Promise<void>;
}

const GUIDE = "# Guide\n\nWelcome to the guide.\n\n## Install\n\nRun the installer, then restart.";
// Jobs of documents written by the DocumentStore tests are due far in the future, so they
// never show up in the queue tests' claims.
const LATER = new Date("2999-01-01T00:00:00.000Z");
const embedder = new HashingEmbeddingProvider();
const ANALYSIS = { language: "eng", summary: "A summary." } as DocumentAnalysis;

/** A document as ingest would hand it to the store, in its own tenant unless told. */
export function draft(content: string, overrides: Partial<NewDocument> = {}): NewDocument {
  return { ...prepareDocument({ title: "A document", content }), tenantId: `tenant-${randomUUID()}`, id: randomUUID(), createdAt: new Date(), ...overrides };
}

export const deletedEvent = (tenantId: string, documentId: string): OutboxDraft => ({
  id: randomUUID(),
  topic: "content.document.deleted",
  tenantId,
  payload: { documentId },
  occurredAt: new Date(),
});

export function processed(job: ClaimedJob, chunks: DocumentChunk[]): ProcessedDocument {
  return {
    text: chunks.map((c) => c.text).join("\n\n"),
    wordCount: 42,
    analysis: ANALYSIS,
    chunks: chunks.map((c) => ({ ...c, embedding: embedder.embedOne(c.text) })),
    event: {
      id: randomUUID(),
      topic: "content.document.processed",
      tenantId: job.tenantId,
      occurredAt: new Date(),
      payload: { documentId: job.documentId, title: job.title, candidateConcepts: [{ name: "graph", score: 1 }] },
    },
  };
}

/** What every implementation of the content stores must do; each test uses its own tenants, so suites may share a database. */
export function contentStoresContract(open: () => Promise<ContentStoresHarness>): void {
  let stores: ContentStoresHarness;
  // Starting PGlite (Postgres compiled to WASM) takes seconds on a small machine.
  beforeAll(async () => {
    stores = await open();
  }, 120_000);
  afterAll(() => stores?.close());

  /** Claims everything due at `now` and keeps this tenant's jobs (other tests' jobs may be due too). */
  const claimOwn = async (tenantId: string, now: Date, leaseMs = 60_000) =>
    (await stores.queue.claim({ limit: 1000, leaseMs, now })).filter((job) => job.tenantId === tenantId);

  /** Ingests and processes `content` into READY in a tenant of its own (or the one given). */
  async function ready(content: string, chunks: DocumentChunk[], tenantId = `tenant-${randomUUID()}`): Promise<ClaimedJob> {
    const now = new Date();
    await stores.documents.createOrGet(draft(content, { tenantId, createdAt: now }), now);
    const [job] = await claimOwn(tenantId, now);
    expect(await stores.queue.complete(job!, processed(job!, chunks), now)).toBe(true);
    return job!;
  }

  describe("DocumentStore", () => {
    it("stores a document PENDING, without text or chunks yet, and reads it back", async () => {
      const written = draft(GUIDE);
      const { document, created } = await stores.documents.createOrGet(written, LATER);
      expect(created).toBe(true);
      const { source: _source, ...fields } = written;
      expect(document).toEqual({ ...fields, status: "PENDING", text: "", wordCount: 0, chunkCount: 0, failureReason: null, analysis: null, updatedAt: written.createdAt });
      expect(await stores.documents.getMany(written.tenantId, [written.id])).toEqual([document]);
      expect(await stores.documents.chunksOf(written.tenantId, written.id)).toEqual([]);
    });

    it("returns the tenant's existing document for the same content, writing nothing", async () => {
      const first = draft(GUIDE);
      await stores.documents.createOrGet(first, LATER);
      const again = await stores.documents.createOrGet({ ...draft(GUIDE, { tenantId: first.tenantId }), title: "Another title" }, LATER);
      expect(again.created).toBe(false);
      expect(again.document).toMatchObject({ id: first.id, title: "A document" });
      expect((await stores.documents.list(first.tenantId, { first: 10 })).totalCount).toBe(1);
    });

    it("answers concurrent writes of the same content with one document", async () => {
      const tenantId = `tenant-${randomUUID()}`;
      const results = await Promise.all([stores.documents.createOrGet(draft(GUIDE, { tenantId }), LATER), stores.documents.createOrGet(draft(GUIDE, { tenantId }), LATER)]);
      expect(new Set(results.map((r) => r.document.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it("keeps tenants apart: same content is two documents, and ids do not cross", async () => {
      const [a, b] = [draft(GUIDE), draft(GUIDE)];
      expect((await stores.documents.createOrGet(a, LATER)).created).toBe(true);
      expect((await stores.documents.createOrGet(b, LATER)).created).toBe(true);
      expect(await stores.documents.getMany(a.tenantId, [b.id])).toEqual([]);
      expect(await stores.documents.requeue(a.tenantId, b.id, LATER)).toBeUndefined();
      expect(await stores.documents.delete(a.tenantId, b.id, deletedEvent(a.tenantId, b.id))).toBe(false);
      expect((await stores.documents.list(a.tenantId, { first: 10 })).documents.map((d) => d.id)).toEqual([a.id]);
    });

    it("leaves out unknown and malformed ids", async () => {
      const known = draft("Known text.");
      await stores.documents.createOrGet(known, LATER);
      const found = await stores.documents.getMany(known.tenantId, [randomUUID(), "not-a-uuid", "", known.id, known.id]);
      expect(found.map((d) => d.id)).toEqual([known.id]);
      expect(await stores.documents.chunksOf(known.tenantId, "not-a-uuid")).toEqual([]);
    });

    it("pages newest first, ties broken by id, with a total count", async () => {
      const tenantId = `tenant-${randomUUID()}`;
      const base = Date.parse("2025-03-01T10:00:00.000Z");
      // Two documents share a timestamp: the cursor must not skip or repeat either.
      const drafts = [0, 1000, 2000, 2000, 3000].map((ms, i) => draft(`Document number ${i}.`, { tenantId, createdAt: new Date(base + ms) }));
      for (const d of drafts) await stores.documents.createOrGet(d, LATER);
      const expected = [...drafts].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : 1)).map((d) => d.id);
      const seen: string[] = [];
      let after: (typeof drafts)[number] | undefined;
      for (;;) {
        const page = await stores.documents.list(tenantId, { first: 2, ...(after ? { after } : {}) });
        expect(page.totalCount).toBe(5);
        seen.push(...page.documents.map((d) => d.id));
        if (!page.hasNextPage) break;
        after = drafts.find((d) => d.id === page.documents.at(-1)!.id);
      }
      expect(seen).toEqual(expected);
    });

    it("deletes a document with its chunks, embeddings and job, recording the event", async () => {
      const job = await ready(GUIDE, [{ ordinal: 0, text: "Welcome to the graph guide.", headingPath: ["Guide"] }]);
      const event = deletedEvent(job.tenantId, job.documentId);
      expect(await stores.documents.delete(job.tenantId, job.documentId, event)).toBe(true);
      expect(await stores.documents.getMany(job.tenantId, [job.documentId])).toEqual([]);
      expect(await stores.documents.chunksOf(job.tenantId, job.documentId)).toEqual([]);
      expect(await stores.search.keyword(job.tenantId, "graph", 10)).toEqual([]);
      expect(await stores.documents.delete(job.tenantId, job.documentId, deletedEvent(job.tenantId, job.documentId))).toBe(false);
    });
  });

  describe("ProcessingQueue", () => {
    it("claims a due job under a lease, marking the document PROCESSING; an expired lease lets it be claimed again", async () => {
      const now = new Date();
      const doc = draft(GUIDE, { createdAt: now });
      await stores.documents.createOrGet(doc, now);
      const [job] = await claimOwn(doc.tenantId, now);
      expect(job).toMatchObject({ tenantId: doc.tenantId, documentId: doc.id, title: "A document", format: "MARKDOWN", attempts: 1 });
      expect(Buffer.from(job!.source).toString()).toBe(GUIDE);
      expect((await stores.documents.getMany(doc.tenantId, [doc.id]))[0]!.status).toBe("PROCESSING");
      expect(await claimOwn(doc.tenantId, new Date(now.getTime() + 30_000))).toEqual([]);
      const [takenOver] = await claimOwn(doc.tenantId, new Date(now.getTime() + 61_000));
      expect(takenOver).toMatchObject({ jobId: job!.jobId, attempts: 2 });
      // The first claim lost its job: its result is refused.
      expect(await stores.queue.complete(job!, processed(job!, []), now)).toBe(false);
    });

    it("never hands one job to two concurrent claims", async () => {
      const now = new Date();
      const tenantId = `tenant-${randomUUID()}`;
      for (const n of [1, 2, 3]) await stores.documents.createOrGet(draft(`Text ${n}.`, { tenantId, createdAt: now }), now);
      const claims = await Promise.all([claimOwn(tenantId, now), claimOwn(tenantId, now)]);
      const ids = claims.flat().map((j) => j.jobId);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
    });

    it("completes: chunks with embeddings, READY with text and analysis, the event in the outbox, the job gone", async () => {
      const chunks = [
        { ordinal: 0, text: "Welcome to the guide.", headingPath: ["Guide"] },
        { ordinal: 1, text: "Run the installer, then restart.", headingPath: ["Guide", "Install"] },
      ];
      const job = await ready(GUIDE, chunks);
      const [document] = await stores.documents.getMany(job.tenantId, [job.documentId]);
      expect(document).toMatchObject({ status: "READY", wordCount: 42, chunkCount: 2, analysis: ANALYSIS, text: `${chunks[0]!.text}\n\n${chunks[1]!.text}` });
      expect(await stores.documents.chunksOf(job.tenantId, job.documentId)).toEqual(chunks);
      expect(await claimOwn(job.tenantId, new Date(Date.now() + 3_600_000))).toEqual([]);
    });

    it("retries later (PENDING until then), and fails with a reason", async () => {
      const now = new Date();
      const doc = draft("Retry me.", { createdAt: now });
      await stores.documents.createOrGet(doc, now);
      const [job] = await claimOwn(doc.tenantId, now);
      const retryAt = new Date(now.getTime() + 5_000);
      await stores.queue.retry(job!, "embedding service timed out", retryAt);
      expect((await stores.documents.getMany(doc.tenantId, [doc.id]))[0]!.status).toBe("PENDING");
      expect(await claimOwn(doc.tenantId, new Date(now.getTime() + 4_000))).toEqual([]);
      const [again] = await claimOwn(doc.tenantId, retryAt);
      expect(again!.attempts).toBe(2);
      await stores.queue.fail(again!, "the PDF could not be read", retryAt);
      expect((await stores.documents.getMany(doc.tenantId, [doc.id]))[0]).toMatchObject({ status: "FAILED", failureReason: "the PDF could not be read" });
      expect(await claimOwn(doc.tenantId, new Date(now.getTime() + 3_600_000))).toEqual([]);
      // Requeueing gives it a fresh job and clears the failure.
      expect(await stores.documents.requeue(doc.tenantId, doc.id, retryAt)).toMatchObject({ status: "PENDING", failureReason: null });
      expect(await claimOwn(doc.tenantId, retryAt)).toMatchObject([{ documentId: doc.id, attempts: 1 }]);
    });
  });

  describe("SearchIndex", () => {
    const tenantId = `tenant-${randomUUID()}`;
    const jobs: ClaimedJob[] = [];
    beforeAll(async () => {
      jobs.push(await ready("Graphs.", [{ ordinal: 0, text: "Graph databases store nodes and edges; traversals follow the edges.", headingPath: ["Graphs"] }], tenantId));
      jobs.push(await ready("Bread.", [{ ordinal: 0, text: "Bake the bread at a high temperature until the crust is golden.", headingPath: [] }], tenantId));
      jobs.push(await ready("More graphs.", [{ ordinal: 0, text: "A graph database makes relationships between nodes first-class.", headingPath: [] }], tenantId));
      // The same graph text in another tenant must never be found.
      await ready("Graphs elsewhere.", [{ ordinal: 0, text: "Graph databases store nodes and edges; traversals follow the edges.", headingPath: [] }]);
    }, 60_000);

    it("finds the nearest chunks by meaning, with highlights, only in the tenant", async () => {
      const hits = await stores.search.semantic(tenantId, embedder.embedOne("graph database nodes"), "graph database nodes", 2);
      expect(hits.map((h) => h.documentId).sort()).toEqual([jobs[0]!.documentId, jobs[2]!.documentId].sort());
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score - 1e-9);
      expect(hits[0]!.highlights.join(" ")).toMatch(/<b>[Gg]raph<\/b>/);
      expect(await stores.search.semantic(`tenant-${randomUUID()}`, embedder.embedOne("graph"), "graph", 5)).toEqual([]);
    });

    it("finds chunks by words (stemmed), best match first, with marked fragments", async () => {
      const hits = await stores.search.keyword(tenantId, "traversals edges", 10);
      expect(hits).toEqual([
        {
          documentId: jobs[0]!.documentId,
          ordinal: 0,
          text: "Graph databases store nodes and edges; traversals follow the edges.",
          headingPath: ["Graphs"],
          score: expect.any(Number),
          highlights: ["Graph databases store nodes and <b>edges</b>; <b>traversals</b> follow the <b>edges</b>"],
        },
      ]);
      expect((await stores.search.keyword(tenantId, "database", 10)).map((h) => h.documentId).sort()).toEqual([jobs[0]!.documentId, jobs[2]!.documentId].sort());
      expect(await stores.search.keyword(tenantId, "the and", 10)).toEqual([]);
    });

    it("finds chunks written after the tenant's first search, and loses removed and replaced ones", async () => {
      const tenant = `tenant-${randomUUID()}`;
      const nearest = async (text: string) => (await stores.search.semantic(tenant, embedder.embedOne(text), text, 3)).map((h) => h.text);
      const sailing = await ready("Sailing.", [{ ordinal: 0, text: "Trim the sails and steer the boat into the wind.", headingPath: [] }], tenant);
      expect(await nearest("sails boat wind")).toEqual(["Trim the sails and steer the boat into the wind."]);

      const cheese = await ready("Cheese.", [{ ordinal: 0, text: "Aged cheese ripens in cool cellars for months.", headingPath: [] }], tenant);
      expect((await nearest("cheese cellars ripens"))[0]).toBe("Aged cheese ripens in cool cellars for months.");

      // Reprocessing replaces a document's chunks: the new text is found, the old is gone.
      const now = new Date();
      await stores.documents.requeue(tenant, sailing.documentId, now);
      const [again] = await claimOwn(tenant, now);
      await stores.queue.complete(again!, processed(again!, [{ ordinal: 0, text: "Knots hold the rigging of the mast.", headingPath: [] }]), now);
      expect(await nearest("sails boat wind rigging mast")).toEqual(["Knots hold the rigging of the mast.", "Aged cheese ripens in cool cellars for months."]);

      await stores.documents.delete(tenant, cheese.documentId, deletedEvent(tenant, cheese.documentId));
      expect(await nearest("cheese cellars ripens")).toEqual(["Knots hold the rigging of the mast."]);
    });

    it("ranks the tenant's other documents by similarity", async () => {
      const similar = await stores.search.similar(tenantId, jobs[0]!.documentId, 5);
      expect(similar.map((s) => s.documentId)).toEqual([jobs[2]!.documentId, jobs[1]!.documentId]);
      expect(similar[0]!.score).toBeGreaterThan(similar[1]!.score);
      expect(await stores.search.similar(tenantId, "not-a-uuid", 5)).toEqual([]);
    });
  });

  describe("Outbox", () => {
    it("relays recorded events oldest first, removing only those the bus accepted", async () => {
      const tenantId = `tenant-${randomUUID()}`;
      const job = await ready("Relay me.", [{ ordinal: 0, text: "Relay me.", headingPath: [] }], tenantId);
      await stores.documents.delete(tenantId, job.documentId, deletedEvent(tenantId, job.documentId));
      const ours = (e: AnyEventEnvelope) => e.tenantId === tenantId;

      // The bus refuses the deletion event once: the processed one stays published, the other stays put.
      const seen: AnyEventEnvelope[] = [];
      await stores.outbox.relay(async (envelope) => {
        if (ours(envelope) && envelope.topic === "content.document.deleted") throw new Error("bus down");
        seen.push(envelope);
      }, 1000).catch(() => undefined);
      const retried: AnyEventEnvelope[] = [];
      await stores.outbox.relay(async (envelope) => void retried.push(envelope), 1000);
      expect(seen.filter(ours).map((e) => e.topic)).toEqual(["content.document.processed"]);
      expect(retried.filter(ours).map((e) => e.topic)).toEqual(["content.document.deleted"]);
      expect(seen.find(ours)).toMatchObject({ tenantId, payload: { documentId: job.documentId, title: "A document", candidateConcepts: [{ name: "graph", score: 1 }] } });
      const leftover: AnyEventEnvelope[] = [];
      await stores.outbox.relay(async (envelope) => void leftover.push(envelope), 1000);
      expect(leftover.filter(ours)).toEqual([]);
    });
  });
}
