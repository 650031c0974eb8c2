import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { buildSchemaArtifacts, composeSupergraph, ROOT } from "./composition";

describe("composition", () => {
  it("composes the four subgraphs without errors, and schema/ is current", async () => {
    const { files, outcome } = await buildSchemaArtifacts();
    if (!outcome.ok) throw new Error(`composition failed:\n${outcome.errors.join("\n")}`);
    const stale = Object.entries(files)
      .filter(([file, content]) => !existsSync(file) || readFileSync(file, "utf8") !== content)
      .map(([file]) => path.relative(ROOT, file));
    expect(stale).toEqual([]); // run `npm run compose` and commit schema/
  });

  it("reports a conflicting field type as a composition error", () => {
    const outcome = composeSupergraph([
      { name: "a", routingUrl: "http://a", schemaFile: "a", sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"]) type Query { a: T } type T @key(fields: "id") @shareable { id: ID! n: Int }' },
      { name: "b", routingUrl: "http://b", schemaFile: "b", sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"]) type Query { b: T } type T @key(fields: "id") @shareable { id: ID! n: String }' },
    ]);
    expect(outcome.ok).toBe(false);
  });
});
