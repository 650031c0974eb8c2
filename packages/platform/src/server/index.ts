export * from "./subgraph-server";
export * from "./request-context";
export * from "./health";
export * from "./metrics";
export * from "./process-lifecycle";
