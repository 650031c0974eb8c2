import { messages, protocol, type PGlite } from "@electric-sql/pglite";

/** Parameters as Postgres reads them in text form; the statement's own casts give their types. */
export type StatementValue = string | number | bigint | Date | null;
/** The rows a statement returned, each column as Postgres's text output (null for SQL NULL). */
export type StatementRows = Array<Array<string | null>>;
export type PreparedStatement = (values: readonly StatementValue[]) => Promise<StatementRows>;

const { serialize } = protocol;

/** The statement names parsed on each instance: PGlite has one connection, so one set per instance. */
const parsedOn = new WeakMap<PGlite, Set<string>>();

/**
 * A statement PGlite parses and plans once, then only binds and executes: one call into the
 * WASM module per run, where `query` makes six (parse, describe, bind, describe, execute, sync)
 * and plans every time. Measured for the event append (bench/workflow/pglite-paths.bench.ts):
 * about 180 us a run, against 590 us through `query` and 1,500 us through Prisma's raw query.
 *
 * It runs under the same two locks PGlite's own `query` takes, so it waits for a transaction
 * another caller (Prisma's interactive transactions) holds open instead of landing inside it.
 * Like `query` it syncs the file system afterwards unless the instance has relaxed durability.
 * A database error is thrown as PGlite's `DatabaseError` (with the SQLSTATE in `code`); the
 * closing Sync in the same message ends the failed statement's implicit transaction.
 */
export function preparePGliteStatement(db: PGlite, name: string, text: string): PreparedStatement {
  return (values) => runPreparedExclusively(db, { name, text }, values);
}

/** `runPrepared` under PGlite's two locks: after any open transaction, never inside it. */
export function runPreparedExclusively(db: PGlite, statement: { name: string; text: string }, values: readonly StatementValue[]): Promise<StatementRows> {
  return db._runExclusiveTransaction(() => db._runExclusiveQuery(() => runPrepared(db, statement, values)));
}

/**
 * Binds and executes the named statement, parsing it first if this instance has not yet.
 * The caller holds PGlite's locks. `syncToFs: false` inside a transaction: its COMMIT syncs.
 */
export async function runPrepared(db: PGlite, statement: { name: string; text: string }, values: readonly StatementValue[], syncToFs = true): Promise<StatementRows> {
  const parsed = parsedOn.get(db) ?? parsedOn.set(db, new Set()).get(db)!;
  if (!parsed.has(statement.name)) {
    await db.execProtocol(concat(serialize.parse(statement), serialize.sync()), { syncToFs: false });
    parsed.add(statement.name);
  }
  const { messages } = await db.execProtocol(
    concat(serialize.bind({ statement: statement.name, values: values.map(asText) }), serialize.execute({}), serialize.sync()),
    { syncToFs },
  );
  return messages.filter((message) => message.name === "dataRow").map((row) => (row as messages.DataRowMessage).fields);
}

/** A plain command (BEGIN, COMMIT, ROLLBACK) through the simple query protocol; the caller holds the locks. */
export async function runCommand(db: PGlite, command: string, syncToFs = false): Promise<void> {
  await db.execProtocol(serialize.query(command), { syncToFs });
}

export function asText(value: StatementValue): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}
