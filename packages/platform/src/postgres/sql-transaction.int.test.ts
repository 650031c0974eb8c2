import { describeWithService } from "../testkit/services";
import { openDatabase, type OpenedDatabase } from "./open-database";
import { statementsOn, transactionsOn } from "./sql-transaction";
import { createTestDatabase } from "./test-database";

const INSERT = { name: "test_insert_note", text: "INSERT INTO notes (id, body, at) VALUES ($1::int, $2::text, $3::timestamptz) RETURNING id, body, at" };
const COUNT = { name: "test_count_notes", text: "SELECT count(*) FROM notes" };

function transactionContract(open: () => Promise<OpenedDatabase>) {
  let database: OpenedDatabase;
  beforeAll(async () => (database = await open()));
  afterAll(() => database.close());
  beforeEach(async () => {
    const run = statementsOn(database);
    await run({ name: "test_drop_notes", text: "DROP TABLE IF EXISTS notes" }, []);
    await run({ name: "test_create_notes", text: "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, at timestamptz)" }, []);
  });

  const count = async () => Number((await statementsOn(database)(COUNT, []))[0]![0]);

  it("commits what the work wrote when it resolves, returning rows as text", async () => {
    const rows = await transactionsOn(database)(async (tx) => [
      ...(await tx.run(INSERT, [1, "first", new Date("2026-01-02T03:04:05Z")])),
      ...(await tx.run(INSERT, [2, "second", null])),
    ]);
    expect(rows).toEqual([["1", "first", expect.stringMatching(/^2026-01-02 03:04:05(\+00)?/)], ["2", "second", null]]);
    expect(await count()).toBe(2);
  });

  it("rolls everything back when the work throws, and rethrows its error", async () => {
    const failing = transactionsOn(database)(async (tx) => {
      await tx.run(INSERT, [1, "written, then undone", null]);
      throw new Error("the projection failed");
    });
    await expect(failing).rejects.toThrow("the projection failed");
    expect(await count()).toBe(0);
  });

  it("rolls back on a database error, keeps its SQLSTATE, and stays usable", async () => {
    await statementsOn(database)(INSERT, [1, "existing", null]);
    const duplicate = transactionsOn(database)(async (tx) => {
      await tx.run(INSERT, [2, "new", null]);
      await tx.run(INSERT, [1, "duplicate", null]);
    });
    await expect(duplicate).rejects.toMatchObject({ code: "23505" });
    expect(await count()).toBe(1);
    await transactionsOn(database)((tx) => tx.run(INSERT, [2, "after the failure", null]));
    expect(await count()).toBe(2);
  });

  it("keeps an uncommitted write from other readers until COMMIT", async () => {
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const transaction = transactionsOn(database)(async (tx) => {
      await tx.run(INSERT, [1, "pending", null]);
      wrote();
      await committing;
    });
    await written;
    // On a server another connection reads the committed state; on PGlite the read waits for the commit.
    const seen = count();
    const early = await Promise.race([seen, new Promise((resolve) => setTimeout(() => resolve("waiting"), 50))]);
    expect([0, "waiting"]).toContain(early);
    commit();
    await transaction;
    expect(await count()).toBe(1);
  });
}

describe("SQL transactions on PGlite", () => {
  transactionContract(() => openDatabase({ kind: "pglite" }));
});

describeWithService("postgres", "SQL transactions on a Postgres server", (serverUrl) => {
  transactionContract(async () => openDatabase({ kind: "server", url: await createTestDatabase(serverUrl, "aiwf_platform_sql") }));
});
