/**
 * Applies a Postgres-backed subgraph's Prisma migrations, like `prisma migrate deploy` (whose
 * native engine cannot run here; see TOOLCHAIN.md).
 *
 *   npm run migrate -- workflow                       DATABASE_URL, or the embedded PGlite
 *                                                     folder DATA_DIR/workflow (default .data/workflow)
 *   npm run migrate -- content --database-url URL     that server database
 *   npm run migrate                                   every subgraph's embedded folder
 *
 * Services also migrate themselves at start; this is for deploy pipelines and for inspecting
 * an embedded database before starting anything.
 */
import path from "node:path";
import { migrateDatabase, openDatabase, type PostgresTarget } from "@aiwf/platform/postgres";

const root = path.resolve(__dirname, "..");

/** The Postgres-backed subgraphs, by the folder name of their schema under prisma/. */
export const POSTGRES_SUBGRAPHS = {
  workflow: { extensions: [] as Array<"vector"> },
  content: { extensions: ["vector"] as Array<"vector"> },
} as const;

export type PostgresSubgraph = keyof typeof POSTGRES_SUBGRAPHS;

export function isPostgresSubgraph(name: string | undefined): name is PostgresSubgraph {
  return name !== undefined && Object.prototype.hasOwnProperty.call(POSTGRES_SUBGRAPHS, name);
}

export function prismaPaths(subgraph: PostgresSubgraph) {
  const dir = path.join(root, "prisma", subgraph);
  return { schemaPath: path.join(dir, "schema.prisma"), migrationsDir: path.join(dir, "migrations") };
}

export function embeddedTarget(subgraph: PostgresSubgraph, dataDir = process.env.DATA_DIR ?? ".data"): PostgresTarget {
  return { kind: "pglite", dataDir: path.resolve(dataDir, subgraph), extensions: [...POSTGRES_SUBGRAPHS[subgraph].extensions] };
}

async function migrate(subgraph: PostgresSubgraph, target: PostgresTarget): Promise<void> {
  const where = target.kind === "server" ? new URL(target.url).host + new URL(target.url).pathname : target.dataDir;
  const database = await openDatabase(target);
  try {
    const { applied } = await migrateDatabase({ database, ...prismaPaths(subgraph) });
    const summary = applied.length ? `applied ${applied.join(", ")}` : "already up to date";
    process.stdout.write(`${subgraph} (${where}): ${summary}\n`);
  } finally {
    await database.close();
  }
}

function parseArgs(argv: string[]): { subgraph?: PostgresSubgraph; url?: string } {
  const urlAt = argv.indexOf("--database-url");
  const url = urlAt >= 0 ? argv[urlAt + 1] : process.env.DATABASE_URL;
  const rest = argv.filter((_arg, i) => urlAt < 0 || (i !== urlAt && i !== urlAt + 1));
  const [subgraph, ...extra] = rest;
  if (extra.length > 0 || (subgraph !== undefined && !isPostgresSubgraph(subgraph)) || (urlAt >= 0 && !url)) {
    throw new Error(`usage: npm run migrate -- [${Object.keys(POSTGRES_SUBGRAPHS).join("|")}] [--database-url URL]`);
  }
  return { subgraph, url: url || undefined };
}

async function main(): Promise<void> {
  const { subgraph, url } = parseArgs(process.argv.slice(2));
  if (subgraph) return migrate(subgraph, url ? { kind: "server", url } : embeddedTarget(subgraph));
  // Each subgraph owns its own database, so one URL cannot serve them all.
  if (url) throw new Error("DATABASE_URL / --database-url names one subgraph's database: name the subgraph too");
  for (const name of Object.keys(POSTGRES_SUBGRAPHS) as PostgresSubgraph[]) await migrate(name, embeddedTarget(name));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
