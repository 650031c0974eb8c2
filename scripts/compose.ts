/**
 * `npm run compose`: writes schema/subgraphs/*.graphql and schema/supergraph.graphql.
 * `npm run compose -- --check`: writes nothing, exits 1 when the committed files are stale.
 */
import "reflect-metadata";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { buildSchemaArtifacts, ROOT } from "./composition";

async function main() {
  const check = process.argv.includes("--check");
  const { files, outcome } = await buildSchemaArtifacts();
  if (!outcome.ok) {
    for (const error of outcome.errors) process.stderr.write(`composition error: ${error}\n`);
    process.exit(1);
  }
  for (const hint of outcome.hints) process.stdout.write(`composition hint: ${hint}\n`);
  const stale = Object.entries(files).filter(([file, content]) => !existsSync(file) || readFileSync(file, "utf8") !== content);
  if (check) {
    for (const [file] of stale) process.stderr.write(`stale: ${path.relative(ROOT, file)} (run npm run compose)\n`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const [file, content] of stale) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
  }
  if (stale.length === 0) process.stdout.write("schema/ is up to date\n");
  process.exit(0);
}

void main();
