import { Client } from "pg";

/** Another session created the same database between our check and our CREATE. */
const ALREADY_CREATED = new Set(["42P04" /* duplicate_database */, "23505" /* unique_violation on pg_database */]);

/**
 * Creates database `name` on the server of `serverUrl` unless it exists, and returns its URL.
 * Test files run in parallel workers, so two may race to create it: the loser's error is
 * swallowed. Each suite still isolates by unique tenant ids, not by truncating.
 */
export async function createTestDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Test database name "${name}" must be lower-case letters, digits and _`);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (!ALREADY_CREATED.has(error.code ?? "")) throw error;
      });
    }
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
