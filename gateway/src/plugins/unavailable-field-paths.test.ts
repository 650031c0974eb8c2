import { readFileSync } from "node:fs";
import { type GraphQLFormattedError, Kind, type OperationDefinitionNode, parse } from "graphql";
import { DEFAULT_SUPERGRAPH_PATH } from "../config";
import { attachUnavailablePaths, rootFieldOwners } from "./unavailable-field-paths";

const owners = rootFieldOwners(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8"));
const realtimeDown = { message: "The realtime subgraph is unavailable", extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName: "realtime" } };

function attach(query: string, data: Record<string, unknown> | null, errors: GraphQLFormattedError[] = [realtimeDown]) {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return attachUnavailablePaths(errors, data, operation, document, owners);
}

describe("paths for a subgraph that is down", () => {
  it("reads each root field's owning subgraph from the supergraph", () => {
    expect(owners.get("Query.channel")).toBe("realtime");
    expect(owners.get("Query.concepts")).toBe("knowledge-graph");
    expect(owners.get("Mutation.sendMessage")).toBe("realtime");
    expect(owners.get("Query.workflows")).toBe("workflow");
  });

  it("gives the error the path of every null root field that subgraph owns, aliases and fragments included", () => {
    const query = `query { concepts(first: 1) { totalCount } general: channel(id: "general") { id } ...More }
      fragment More on Query { ... { random: channel(id: "random") { id } } }`;
    const errors = attach(query, { concepts: { totalCount: 0 }, general: null, random: null });
    expect(errors).toEqual([
      { ...realtimeDown, path: ["general"] },
      { ...realtimeDown, path: ["random"] },
    ]);
  });

  it("leaves other errors, errors that have a path, and failures below the root as they were", () => {
    const nested = attach("{ documents(first: 1) { edges { node { concepts { name } } } } }", { documents: { edges: [] } }, [
      { ...realtimeDown, extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName: "knowledge-graph" } },
    ]);
    expect(nested[0]!.path).toBeUndefined();
    const other = { message: "nope", path: ["channel"], extensions: { code: "BAD_USER_INPUT" } };
    expect(attach('{ channel(id: "x") { id } }', { channel: null }, [other])).toEqual([other]);
  });

  it("applies to mutations against the Mutation type's owners", () => {
    const errors = attach('mutation { sendMessage(input: { channelId: "a", body: "b" }) { id } }', null);
    expect(errors).toEqual([{ ...realtimeDown, path: ["sendMessage"] }]);
  });
});
