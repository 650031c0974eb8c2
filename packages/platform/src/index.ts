export * from "./config";
export * from "./errors";
export * from "./identity";
export * from "./logging";
export * from "./schema/build-subgraph-schema";
export * from "./server";
export * from "./schema/page-info.type";
export * from "./rate-limit/token-bucket";
