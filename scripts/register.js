// Runs TypeScript sources directly with SWC. type-graphql reads field types from decorator
// metadata, which esbuild-based runners (tsx) do not emit; SWC does (see TOOLCHAIN.md).
require("reflect-metadata");
process.env.SWC_NODE_PROJECT ??= require("node:path").resolve(__dirname, "..", "tsconfig.json");
require("@swc-node/register");
