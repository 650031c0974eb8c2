import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { postGraphQL } from "./support/clients";

const ROOT = path.resolve(__dirname, "..");
const REGISTER = path.join(ROOT, "scripts", "register.js");

function runService(entry: string, env: NodeJS.ProcessEnv) {
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, ["-r", REGISTER, path.join(ROOT, entry)], { env: { PATH, HOME, ...env }, encoding: "utf8", timeout: 30_000 });
}

describe("configuration is checked at start", () => {
  it.each([
    ["subgraphs/workflow/src/main.ts", { DATABASE_URL: "postgres//missing-colon" }, "DATABASE_URL"],
    ["subgraphs/content-processing/src/main.ts", { DATABASE_URL: "mysql://127.0.0.1/content" }, "DATABASE_URL"],
    ["subgraphs/knowledge-graph/src/main.ts", { DGRAPH_URL: "http://127.0.0.1:9080" }, "DGRAPH_URL"],
    ["subgraphs/realtime/src/main.ts", { REDIS_URL: "localhost:6379" }, "REDIS_URL"],
    ["gateway/src/main.ts", { JWT_ALGORITHMS: "none" }, "JWT_ALGORITHMS"],
  ])("%s stops with one line naming a bad %j", (entry, env, variable) => {
    const result = runService(entry, env);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });
});

describe("npm start", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "aiwf-npm-start-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("starts the supergraph on embedded stores, serves Sandbox and answers across all four subgraphs", async () => {
    const { PATH, HOME } = process.env;
    const child = spawn(process.execPath, ["-r", REGISTER, path.join(ROOT, "gateway/src/dev.ts")], { env: { PATH, HOME, DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const token = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not become ready:\n${output}`)), 90_000);
        child.stdout.on("data", () => {
          const match = /Authorization: Bearer (\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        void exited.then(() => reject(new Error(`npm start exited:\n${output}`)));
      });
      expect(output).toContain("Sandbox:   http://localhost:4000/graphql");
      const sandbox = await fetch("http://127.0.0.1:4000/graphql", { headers: { accept: "text/html" } });
      expect(sandbox.status).toBe(200);
      const { body } = await postGraphQL(
        "http://127.0.0.1:4000/graphql",
        { query: '{ workflows(first: 1) { totalCount } documents(first: 1) { totalCount } concepts(first: 1) { totalCount } channel(id: "general") { messageCount } }' },
        { authorization: `Bearer ${token}` },
      );
      expect(body.errors).toBeUndefined();
      expect(Object.keys(body.data)).toEqual(["workflows", "documents", "concepts", "channel"]);
    } finally {
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  }, 120_000);
});
