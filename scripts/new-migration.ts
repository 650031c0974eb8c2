/**
 * Writes a new migration for a Postgres-backed subgraph from its schema, like
 * `prisma migrate dev --create-only` (whose native engine cannot run here; see TOOLCHAIN.md).
 *
 *   node -r ./scripts/register.js scripts/new-migration.ts <workflow|content> <name>
 *
 * 1. edit prisma/<subgraph>/schema.prisma;
 * 2. run this: it replays prisma/<subgraph>/migrations on an in-memory shadow database, diffs
 *    that against the schema, and writes the SQL to
 *    prisma/<subgraph>/migrations/<UTC yyyymmddhhmmss>_<name>/migration.sql
 *    (and migration_lock.toml when missing); nothing is written when they already agree;
 * 3. read the SQL (data-preserving edits are yours to make), `npm run postinstall` to
 *    regenerate the client, `npm run migrate -- <subgraph>` to apply it.
 *
 * No database is touched: the diff needs only the migrations and the schema.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffMigrations, LOCKFILE_CONTENT, LOCKFILE_NAME, openDatabase } from "@aiwf/platform/postgres";
import { isPostgresSubgraph, POSTGRES_SUBGRAPHS, prismaPaths } from "./migrate";

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function main(): Promise<void> {
  const [subgraph, name, ...extra] = process.argv.slice(2);
  if (!isPostgresSubgraph(subgraph) || !name || extra.length > 0 || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`usage: new-migration.ts <${Object.keys(POSTGRES_SUBGRAPHS).join("|")}> <name in snake_case>`);
  }
  const { schemaPath, migrationsDir } = prismaPaths(subgraph);
  const database = await openDatabase({ kind: "pglite", extensions: [...POSTGRES_SUBGRAPHS[subgraph].extensions] });
  try {
    const sql = await diffMigrations({ database, schemaPath, migrationsDir });
    if (sql.trim() === "" || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
      process.stdout.write(`${subgraph}: the migrations already match ${path.relative(process.cwd(), schemaPath)}; nothing written\n`);
      return;
    }
    const folder = path.join(migrationsDir, `${timestamp()}_${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "migration.sql"), sql.endsWith("\n") ? sql : `${sql}\n`);
    const lockfile = path.join(migrationsDir, LOCKFILE_NAME);
    if (!existsSync(lockfile)) writeFileSync(lockfile, LOCKFILE_CONTENT);
    process.stdout.write(`${subgraph}: wrote ${path.relative(process.cwd(), path.join(folder, "migration.sql"))}\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`new-migration: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
