import NodeModule from "node:module";

/**
 * Node's own CommonJS loader, for ESM-only packages (franc, text-readability) and for
 * pdf.js. Node 20.19+ can `require()` ES modules, but a test runner's module registry (and
 * its `createRequire`) cannot without experimental flags; a fresh `Module` anchored here
 * always loads through Node itself, in tests exactly as in production.
 */
const ModuleClass = (NodeModule as unknown as { Module: new (id: string) => NodeModuleLike }).Module;
const nodeModulePaths = (NodeModule as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths;

interface NodeModuleLike {
  filename: string;
  paths: string[];
  require(id: string): unknown;
}

const anchor = new ModuleClass(__filename);
anchor.filename = __filename;
anchor.paths = nodeModulePaths(__dirname);

export function loadEsm<T>(name: string): T {
  return anchor.require(name) as T;
}

/** Where Node's own resolution finds a package's entry (its "require" export). */
export function resolveWithNode(name: string): string {
  return (NodeModule as unknown as { _resolveFilename(id: string, parent: NodeModuleLike): string })._resolveFilename(name, anchor);
}
