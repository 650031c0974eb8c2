import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddedGraphStore } from "./embedded-graph-store";
import { SnapshotFile } from "./snapshot-file";

describe("SnapshotFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "snapshot-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("loads nothing before the first write", async () => {
    expect(await new SnapshotFile(join(dir, "none.json")).load()).toBeUndefined();
  });

  it("folds a burst of changes into one write of the latest state, leaving no temporary file", async () => {
    const file = new SnapshotFile(join(dir, "nested", "graph.json"), 1_000);
    let state = 0;
    let produced = 0;
    for (let i = 0; i < 5; i++) {
      state = i;
      file.schedule(() => (produced++, { state }));
    }
    await file.flush();
    expect(produced).toBe(1);
    expect(await file.load()).toEqual({ state: 4 });
    expect(await readdir(join(dir, "nested"))).toEqual(["graph.json"]);
  });

  it("reports a failed background write on the next flush", async () => {
    await writeFile(join(dir, "blocker"), "a file where a folder should be");
    const file = new SnapshotFile(join(dir, "blocker", "graph.json"), 1);
    file.schedule(() => ({}));
    await expect(file.flush()).rejects.toThrow();
    await expect(file.flush()).resolves.toBeUndefined();
  });

  it("is refused by the embedded store when it is not a snapshot it knows", async () => {
    await writeFile(join(dir, "graph.json"), JSON.stringify({ version: 99, tenants: {} }));
    await expect(EmbeddedGraphStore.open({ dataDir: dir })).rejects.toThrow("not a version 1 knowledge-graph snapshot");
  });
});
