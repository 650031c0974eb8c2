import { openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import type { Pool } from "pg";
import { openPGliteWithHandle } from "../../subgraphs/content-processing/test/fixtures/pglite-with-handle";

type Rows<T> = Promise<{ rows: T[] }>;

/** The SQL the search benchmark runs itself (seeding, exact search), on PGlite or a server alike. */
export interface BenchSql {
  query<T>(text: string, params?: unknown[]): Rows<T>;
  /** Several statements, no parameters. */
  exec(text: string): Promise<void>;
  /** `work` in one transaction on one connection (for SET LOCAL). */
  transaction<T>(work: (tx: Pick<BenchSql, "query" | "exec">) => Promise<T>): Promise<T>;
  /** Inserts `rows` into `table` in one statement: COPY on PGlite, json_populate_recordset on a server. */
  insertRows(table: string, columns: string[], rows: Array<Array<string | number>>): Promise<void>;
}

export interface BenchDatabase {
  name: string;
  sql: BenchSql;
  database: OpenedDatabase;
  close(): Promise<void>;
}

/**
 * A server when BENCH_DATABASE_URL is set (its database must offer the vector extension),
 * else PGlite with pgvector, in memory or kept in CORPUS_DIR so a second run skips seeding.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const database = await openDatabase({ kind: "server", url });
    return { name: `Postgres server (${new URL(url).pathname.slice(1)})`, sql: serverSql(database.pool!), database, close: () => database.close() };
  }
  const { db, database } = await openPGliteWithHandle(process.env.CORPUS_DIR);
  const csv = (value: string | number) => (typeof value === "number" ? String(value) : `"${value.replace(/"/g, '""')}"`);
  const sql: BenchSql = {
    query: (text, params) => db.query(text, params),
    exec: async (text) => void (await db.exec(text)),
    transaction: (work) => db.transaction((tx) => work({ query: (text, params) => tx.query(text, params), exec: async (text) => void (await tx.exec(text)) })),
    insertRows: async (table, columns, rows) => {
      const blob = new Blob([rows.map((row) => row.map(csv).join(",")).join("\n")]);
      await db.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
    },
  };
  return { name: `PGlite${process.env.CORPUS_DIR ? ` (${process.env.CORPUS_DIR})` : ""}`, sql, database, close: () => db.close() };
}

/** pg's rows are untyped; the benchmark names what it selects. */
const typed = <T>(result: Promise<{ rows: unknown[] }>) => result as Rows<T>;

function serverSql(pool: Pool): BenchSql {
  return {
    query: (text, params) => typed(pool.query(text, params)),
    exec: async (text) => void (await pool.query(text)),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work({ query: (text, params) => typed(client.query(text, params)), exec: async (text) => void (await client.query(text)) });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    async insertRows(table, columns, rows) {
      // Each JSON string goes through its column type's input function (uuid, text[], vector).
      const records = rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
      await pool.query(`INSERT INTO ${table} (${columns.join(", ")}) SELECT ${columns.join(", ")} FROM json_populate_recordset(NULL::${table}, $1::json)`, [
        JSON.stringify(records),
      ]);
    },
  };
}
