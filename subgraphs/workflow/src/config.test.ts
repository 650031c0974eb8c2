import { parseConfig } from "@aiwf/platform";
import { executorOptionsOf, egressPolicyOf, workflowConfigSchema } from "./config";

describe("workflow config", () => {
  it("defaults to port 8080 and embedded PGlite under .data", () => {
    const config = parseConfig(workflowConfigSchema, {});
    expect(config).toMatchObject({ PORT: 8080, HOST: "0.0.0.0", DATA_DIR: ".data" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("takes a Postgres DATABASE_URL and treats an empty one as unset", () => {
    expect(parseConfig(workflowConfigSchema, { DATABASE_URL: "postgres://db:5432/workflow" }).DATABASE_URL).toBe("postgres://db:5432/workflow");
    expect(parseConfig(workflowConfigSchema, { DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(() => parseConfig(workflowConfigSchema, { DATABASE_URL: "mysql://db/x" })).toThrow(/DATABASE_URL/);
  });

  it("sizes the database pool, 10 connections unless told, refusing none", () => {
    expect(parseConfig(workflowConfigSchema, {}).DATABASE_POOL_SIZE).toBe(10);
    expect(parseConfig(workflowConfigSchema, { DATABASE_POOL_SIZE: "16" }).DATABASE_POOL_SIZE).toBe(16);
    expect(() => parseConfig(workflowConfigSchema, { DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it("refuses embedded PGlite in production, naming DATABASE_URL", () => {
    const production = { NODE_ENV: "production", INTERNAL_TOKEN_SECRET: "a-real-secret-that-is-long-enough-000000" };
    expect(() => parseConfig(workflowConfigSchema, production)).toThrow(/DATABASE_URL: must be set in production/);
    expect(parseConfig(workflowConfigSchema, { ...production, DATABASE_URL: "postgres://db/workflow" }).NODE_ENV).toBe("production");
  });

  it("configures the executor from one place, refusing a running limit below one", () => {
    const config = parseConfig(workflowConfigSchema, { MAX_RUNNING_RUNS_PER_TENANT: "3", EXECUTOR_LEASE_MS: "5000" });
    expect(executorOptionsOf(config)).toEqual({ leaseMs: 5000, pollMs: 250, maxRunningPerTenant: 3 });
    expect(executorOptionsOf(parseConfig(workflowConfigSchema, {})).maxRunningPerTenant).toBe(50);
    expect(() => parseConfig(workflowConfigSchema, { MAX_RUNNING_RUNS_PER_TENANT: "0" })).toThrow(/MAX_RUNNING_RUNS_PER_TENANT/);
  });

  it("blocks http steps from private networks in production unless told, elsewhere allows them", () => {
    const production = { NODE_ENV: "production", INTERNAL_TOKEN_SECRET: "a-real-secret-that-is-long-enough-000000", DATABASE_URL: "postgres://db/workflow" };
    expect(egressPolicyOf(parseConfig(workflowConfigSchema, production))).toEqual({ privateNetworks: "block", allowedHosts: [] });
    expect(egressPolicyOf(parseConfig(workflowConfigSchema, {}))).toEqual({ privateNetworks: "allow", allowedHosts: [] });
    expect(egressPolicyOf(parseConfig(workflowConfigSchema, { ...production, EGRESS_PRIVATE_NETWORKS: "allow" })).privateNetworks).toBe("allow");
    expect(egressPolicyOf(parseConfig(workflowConfigSchema, { EGRESS_ALLOWED_HOSTS: " billing.internal, ,search.svc " })).allowedHosts).toEqual(["billing.internal", "search.svc"]);
    expect(() => parseConfig(workflowConfigSchema, { EGRESS_PRIVATE_NETWORKS: "deny" })).toThrow(/EGRESS_PRIVATE_NETWORKS/);
  });
});
