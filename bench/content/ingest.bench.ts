/**
 * Ingest throughput for 5 KB Markdown documents, end to end: through the subgraph's API
 * (createApp on port 0, in-memory PGlite with pgvector) from the mutation until the
 * document is READY (extracted, chunked, analysed, embedded, indexed, event in the
 * outbox). Baselines measured in the same run: the request path alone (the mutation
 * returning PENDING), and the processing pipeline alone (no HTTP, no database).
 *
 *   node -r ./scripts/register.js bench/content/ingest.bench.ts      (DOCUMENTS=100)
 */
import { testIdentity } from "@aiwf/platform/testkit";
import { processDocument } from "../../subgraphs/content-processing/src/processing/process-document";
import { HashingEmbeddingProvider } from "../../subgraphs/content-processing/src/embedding/hashing-embedding-provider";
import { startContentApp } from "../../subgraphs/content-processing/test/fixtures/content-app";
import { random } from "./seed-chunks";

const DOCUMENTS = Number(process.env.DOCUMENTS ?? 100);
const log = (line: string) => process.stdout.write(`${line}\n`);

const WORDS = (
  "system data model graph query index search user service request network memory process thread cache store " +
  "record event stream schema field type value error result test design pattern module package library server client " +
  "security token access policy tenant document chunk vector embedding language analysis summary reader writer table row " +
  "column key lock transaction commit rollback replica backup metric trace log alert deploy release build pipeline job worker"
).split(" ");
const GLUE = "the a of to and in for with on by from that this is are can will".split(" ");

/** A Markdown document of about `bytes` bytes: headings, paragraphs and a list, from a seeded stream. */
function markdown(n: number, bytes: number): string {
  const next = random(1000 + n);
  const pick = (list: string[]) => list[Math.floor(next() * list.length)]!;
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(next() * 10) }, (_, i) => (i % 3 === 1 ? pick(GLUE) : pick(WORDS)));
    return `${words.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const parts = [`# Document ${n}: ${pick(WORDS)} ${pick(WORDS)}`];
  while (parts.join("\n\n").length < bytes) {
    parts.push(`## ${pick(WORDS)} ${pick(WORDS)}`);
    parts.push(Array.from({ length: 4 }, sentence).join(" "));
    parts.push(`- ${sentence()}\n- ${sentence()}`);
  }
  return parts.join("\n\n").slice(0, bytes);
}

async function main(): Promise<void> {
  const documents = Array.from({ length: DOCUMENTS }, (_, n) => markdown(n, 5 * 1024));
  const app = await startContentApp({ processing: { pollMs: 20 } });
  const owner = testIdentity();
  const ingest = "mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }";
  // Warm-up (schema, plans, NLP model) on one document of another tenant.
  const warm = testIdentity();
  await app.settled(warm, (await app.call(warm, ingest, { input: { title: "warm-up", content: markdown(-1, 5 * 1024) } })).data.ingestDocument.id);

  const started = performance.now();
  const ids: string[] = [];
  for (const [n, content] of documents.entries()) {
    const { data, errors } = await app.call(owner, ingest, { input: { title: `Document ${n}`, content } });
    if (errors) throw new Error(JSON.stringify(errors));
    ids.push(data.ingestDocument.id);
  }
  const accepted = performance.now();
  for (const id of ids) {
    const settled = await app.settled(owner, id);
    if (settled.status !== "READY") throw new Error(`document ${id} ${settled.status}: ${settled.failureReason}`);
  }
  const ready = performance.now();
  await app.stop();

  // Baseline: the same documents through extraction, analysis and embedding only.
  const embeddings = new HashingEmbeddingProvider();
  const pipelineStarted = performance.now();
  for (const [n, content] of documents.entries()) {
    await processDocument(
      { jobId: "bench", tenantId: "bench", documentId: `doc-${n}`, title: `Document ${n}`, format: "MARKDOWN", source: Buffer.from(content), attempts: 1 },
      embeddings,
      new Date(),
    );
  }
  const pipelineMs = performance.now() - pipelineStarted;

  const rate = (ms: number) => (DOCUMENTS / (ms / 1000)).toFixed(1);
  const endToEnd = ready - started;
  log(`\n${DOCUMENTS} Markdown documents of 5 KB`);
  log(`                                           docs/s   ms/doc   vs end to end`);
  log(`end to end (mutation -> READY)         ${rate(endToEnd).padStart(9)}  ${(endToEnd / DOCUMENTS).toFixed(1).padStart(7)}            1.0x`);
  log(`request path only (mutation -> PENDING) ${rate(accepted - started).padStart(8)}  ${((accepted - started) / DOCUMENTS).toFixed(1).padStart(7)}   ${(endToEnd / (accepted - started)).toFixed(1).padStart(12)}x`);
  log(`processing only (no HTTP, no database)  ${rate(pipelineMs).padStart(8)}  ${(pipelineMs / DOCUMENTS).toFixed(1).padStart(7)}   ${(endToEnd / pipelineMs).toFixed(1).padStart(12)}x`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
