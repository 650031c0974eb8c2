export * from "./services";
export * from "./call-subgraph";
