import { buildSchema, parse, specifiedRules, validate } from "graphql";
import { operationLimitsRule } from "./operation-limits";

const schema = buildSchema(`
  type Query { node(id: ID): Node }
  type Node { id: ID, child: Node, name: String }
`);

function check(query: string) {
  return validate(schema, parse(query), [...specifiedRules, operationLimitsRule({ maxDepth: 3, maxAliases: 2, maxRootFields: 2 })]).map((e) => e.extensions);
}

describe("operation limits", () => {
  it("accepts an operation within every limit", () => {
    expect(check("{ node { child { child { id } } } }")).toEqual([]);
  });

  it("counts depth through fragments and inline fragments", () => {
    expect(check("{ node { ...deep } } fragment deep on Node { child { ... on Node { child { child { id } } } } }")).toEqual([
      { code: "BAD_USER_INPUT", reason: "OPERATION_LIMIT", limit: "maxDepth" },
    ]);
  });

  it("limits aliases and root fields", () => {
    expect(check("{ a: node { id } b: node { id } }")).toEqual([]);
    expect(check("{ a: node { x: id y: name } b: node { id } }")).toEqual([{ code: "BAD_USER_INPUT", reason: "OPERATION_LIMIT", limit: "maxAliases" }]);
    expect(check("{ a: node { id } node { id } c: node { id } }").map((e) => e?.limit)).toEqual(["maxRootFields"]);
  });

  it("leaves introspection alone", () => {
    expect(check("{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }")).toEqual([]);
  });
});
