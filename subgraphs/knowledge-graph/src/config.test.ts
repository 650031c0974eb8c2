import { ConfigError, parseConfig } from "@aiwf/platform";
import { knowledgeGraphConfigSchema } from "./config";

const problemsOf = (environment: NodeJS.ProcessEnv) => {
  try {
    parseConfig(knowledgeGraphConfigSchema, environment);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe("knowledge-graph configuration", () => {
  it("defaults to port 3002 and the embedded store", () => {
    const config = parseConfig(knowledgeGraphConfigSchema, {});
    expect(config).toMatchObject({ PORT: 3002, HOST: "0.0.0.0", DATA_DIR: ".data" });
    expect(config.DGRAPH_URL).toBeUndefined();
    expect(parseConfig(knowledgeGraphConfigSchema, { DGRAPH_URL: "" }).DGRAPH_URL).toBeUndefined();
  });

  it("keeps 8 tenants' learning graphs in memory unless told otherwise, at least 1", () => {
    expect(parseConfig(knowledgeGraphConfigSchema, {}).LEARNING_GRAPH_TENANTS).toBe(8);
    expect(parseConfig(knowledgeGraphConfigSchema, { LEARNING_GRAPH_TENANTS: "" }).LEARNING_GRAPH_TENANTS).toBe(8);
    expect(parseConfig(knowledgeGraphConfigSchema, { LEARNING_GRAPH_TENANTS: "2" }).LEARNING_GRAPH_TENANTS).toBe(2);
    expect(problemsOf({ LEARNING_GRAPH_TENANTS: "0" }).map((problem) => problem.split(":")[0])).toEqual(["LEARNING_GRAPH_TENANTS"]);
  });

  it("accepts only dgraph:// URLs", () => {
    expect(parseConfig(knowledgeGraphConfigSchema, { DGRAPH_URL: "dgraph://alpha:9080" }).DGRAPH_URL).toBe("dgraph://alpha:9080");
    expect(problemsOf({ DGRAPH_URL: "http://alpha:8080" })).toEqual([expect.stringMatching(/^DGRAPH_URL: .*dgraph:\/\//)]);
  });

  it("refuses the embedded store in production, naming DGRAPH_URL", () => {
    const production = { NODE_ENV: "production", INTERNAL_TOKEN_SECRET: "a-production-secret-of-at-least-32-chars" };
    expect(problemsOf(production)).toEqual([expect.stringMatching(/^DGRAPH_URL: /)]);
    expect(problemsOf({ ...production, DGRAPH_URL: "dgraph://alpha:9080" })).toEqual([]);
  });
});
