import { PGlite } from "@electric-sql/pglite";
import { preparePGliteStatement } from "./pglite-statement";

describe("a prepared statement on PGlite", () => {
  let db: PGlite;
  beforeEach(async () => {
    db = await PGlite.create();
    await db.exec("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, at timestamptz)");
  });
  afterEach(() => db.close());

  const insertNote = () => preparePGliteStatement(db, "insert_note", "INSERT INTO notes (id, body, at) VALUES ($1::int, $2::text, $3::timestamptz) RETURNING id, body, at");

  it("runs again and again with new values, returning the rows as text", async () => {
    const insert = insertNote();
    expect(await insert([1, "first", new Date("2026-01-02T03:04:05Z")])).toEqual([["1", "first", "2026-01-02 03:04:05+00"]]);
    expect(await insert([2, "second", null])).toEqual([["2", "second", null]]);
    expect((await db.query("SELECT id FROM notes ORDER BY id")).rows).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("throws the database error with its SQLSTATE, writes nothing, and keeps working", async () => {
    const insert = insertNote();
    await insert([1, "first", null]);
    await expect(insert([1, "again", null])).rejects.toMatchObject({ code: "23505" });
    await insert([2, "second", null]);
    expect((await db.query("SELECT body FROM notes ORDER BY id")).rows).toEqual([{ body: "first" }, { body: "second" }]);
  });

  it("waits for a transaction another caller holds open instead of running inside it", async () => {
    const insert = insertNote();
    let inserted: Promise<unknown> | undefined;
    await db
      .transaction(async (tx) => {
        await tx.query("INSERT INTO notes (id, body) VALUES (1, 'rolled back')");
        inserted = insert([2, "outside", null]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await inserted;
    expect((await db.query("SELECT body FROM notes ORDER BY id")).rows).toEqual([{ body: "outside" }]);
  });
});
