export * from "./services";
export * from "./call-subgraph";
export * from "./service-process";
export * from "./error-code";
