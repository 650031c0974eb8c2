import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";
import type { OpenedDatabase } from "./open-database";
import { asText, runCommand, runPrepared, runPreparedExclusively, type StatementRows, type StatementValue } from "./pglite-statement";

/** A statement known by name: prepared once per connection, then only bound and executed. */
export interface NamedStatement {
  name: string;
  text: string;
}

/** Statements inside one open transaction. Rows come back as Postgres's text output, whatever the driver. */
export interface SqlTransaction {
  run(statement: NamedStatement, values: readonly StatementValue[]): Promise<StatementRows>;
}

/**
 * Runs `work` in a transaction: committed when it resolves, rolled back when it throws. Inside
 * `work`, talk to the database through `tx` only: on PGlite every other caller (Prisma,
 * `statementsOn`) waits for this transaction to end, so waiting on one from inside never ends.
 */
export type Transact = <T>(work: (tx: SqlTransaction) => Promise<T>) => Promise<T>;

/** Runs one statement on its own (its own implicit transaction). */
export type RunStatement = SqlTransaction["run"];

/**
 * Transactions of prepared statements straight on the driver, for the few hot write paths
 * (the workflow executor's appends with their read model and outbox). Through Prisma the
 * same transaction cost several times as much: an interactive transaction's bookkeeping and
 * a fresh plan for every statement (bench/workflow/execution.bench.ts).
 */
export function transactionsOn(database: Pick<OpenedDatabase, "pool" | "pglite">): Transact {
  if (database.pool) return poolTransactions(database.pool);
  if (database.pglite) return pgliteTransactions(database.pglite);
  throw new Error("transactionsOn needs the database's pg pool or PGlite instance");
}

/**
 * Single statements, prepared, outside any transaction: on a server on any free pooled
 * connection (each prepares it once), on PGlite after whatever transaction is open.
 */
export function statementsOn(database: Pick<OpenedDatabase, "pool" | "pglite">): RunStatement {
  const { pool, pglite } = database;
  if (pool) return (statement, values) => runOnPool(pool, statement, values);
  if (pglite) return (statement, values) => runPreparedExclusively(pglite, statement, values);
  throw new Error("statementsOn needs the database's pg pool or PGlite instance");
}

/*
 * PGlite has one connection: holding its transaction lock keeps every other caller (Prisma's
 * queries and transactions, prepared statements) out until COMMIT or ROLLBACK. Statements inside
 * do not sync the file system; COMMIT does, as a single `query` would.
 */
function pgliteTransactions(db: PGlite): Transact {
  return (work) =>
    db._runExclusiveTransaction(async () => {
      const exclusive = <T>(step: () => Promise<T>) => db._runExclusiveQuery(step);
      await exclusive(() => runCommand(db, "BEGIN"));
      try {
        const result = await work({ run: (statement, values) => exclusive(() => runPrepared(db, statement, values, false)) });
        await exclusive(() => runCommand(db, "COMMIT", true));
        return result;
      } catch (error) {
        await exclusive(() => runCommand(db, "ROLLBACK")).catch(() => undefined);
        throw error;
      }
    });
}

/** Every column as the server's text, as PGlite gives it: callers parse one way for both. */
const TEXT_TYPES = { getTypeParser: () => (value: string) => value };

async function runOnPool(pool: Pool | PoolClient, statement: NamedStatement, values: readonly StatementValue[]): Promise<StatementRows> {
  const config = { name: statement.name, text: statement.text, values: values.map(asText), rowMode: "array" as const, types: TEXT_TYPES };
  return (await pool.query<string[]>(config)).rows as StatementRows;
}

function poolTransactions(pool: Pool): Transact {
  return async (work) => {
    const client = await pool.connect();
    const run = (statement: NamedStatement, values: readonly StatementValue[]) => runOnPool(client, statement, values);
    try {
      await client.query("BEGIN");
      const result = await work({ run });
      await client.query("COMMIT");
      client.release();
      return result;
    } catch (error) {
      await rollBackAndRelease(client);
      throw error;
    }
  };
}

/** A connection whose ROLLBACK failed is in an unknown state: it is destroyed, not reused. */
async function rollBackAndRelease(client: PoolClient): Promise<void> {
  try {
    await client.query("ROLLBACK");
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : true);
  }
}
