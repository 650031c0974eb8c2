import { readFileSync } from "node:fs";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

/**
 * Prisma's WASM schema engine, the only migration engine that runs on these machines (the
 * native one is a binary Prisma downloads at start). Its API is internal to Prisma, so the
 * package is pinned exactly and every quirk of using it lives in this file:
 *
 * 1. The package entry imports `schema_engine_bg.wasm` as an ES module, which Node refuses;
 *    we instantiate the `.wasm` ourselves with the `schema_engine_bg.js` glue as its import
 *    object (named `"./schema_engine_bg.js"`), then `__wbg_set_wasm` + `__wbindgen_start`.
 * 2. The glue is an ES module, and jest's module system cannot `require` ES modules on
 *    Node 20. It is generated wasm-bindgen code with no imports whose only exports are
 *    `export function` and `export class`, so we evaluate its source with those two
 *    keywords stripped: one loading path under Node, SWC and jest alike.
 * 3. A driver error inside the engine surfaces as "External error id#N"; the real error
 *    (a refused password, a missing extension...) waits in the adapter's error registry.
 * 4. The engine races its advisory-lock query against a 10 s `setTimeout` it never clears,
 *    which kept scripts (and jest) alive 10 s after a migration. The glue gets a
 *    `setTimeout` whose pending timers are cleared once no engine session is running.
 */

type WasmExports = Record<string, unknown>;
type Glue = { SchemaEngine: typeof SchemaEngine; __wbg_set_wasm(exports: WasmExports): void };
/** The slice of the WebAssembly global we use (the repo compiles without the DOM lib that types it). */
type WasmApi = { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }> };
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WasmApi };

// The package exports no `./package.json`; its glue module's path locates the folder.
const glueFile = () => require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
let glue: Promise<Glue> | undefined;

function evaluateGlue(): Glue {
  const source = readFileSync(glueFile(), "utf8");
  const names: string[] = [];
  const script = source.replace(/^export (function|class) ([\w$]+)/gm, (_match, kind: string, name: string) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  // `module` is passed because the glue's `__wbg_require` reads `module.require`.
  const body = `${script}\nreturn { ${names.join(", ")} };`;
  return new Function("module", "setTimeout", body)(module, engineTimers.set) as Glue;
}

/** Timers the engine starts, cleared when the last running session ends (quirk 4). */
const engineTimers = {
  sessions: 0,
  pending: new Set<NodeJS.Timeout>(),
  set(callback: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      engineTimers.pending.delete(timer);
      callback();
    }, ms);
    engineTimers.pending.add(timer);
    return timer;
  },
  sessionEnded(): void {
    if (--engineTimers.sessions > 0) return;
    for (const timer of engineTimers.pending) clearTimeout(timer);
    engineTimers.pending.clear();
  },
};

async function loadGlue(): Promise<Glue> {
  const bindings = evaluateGlue();
  const bytes = readFileSync(path.join(path.dirname(glueFile()), "schema_engine_bg.wasm"));
  const { instance } = await wasmApi.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings;
}

export interface SchemaEngineSession {
  /** Runs an engine call, replacing "External error id#N" with the driver's own error. */
  call<T>(work: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  /** Frees the engine; call once, when done. */
  end(): void;
}

/** A schema engine over a driver adapter; `datamodel` is the Prisma schema it reasons about. */
export async function createSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: { path: string; content: string },
  log: (message: string) => void = () => {},
): Promise<SchemaEngineSession> {
  glue ??= loadGlue();
  const { SchemaEngine: Engine } = await glue;
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  engineTimers.sessions++;
  let engine: SchemaEngine;
  try {
    engine = await Engine.new({ datamodels: [[datamodel.path, datamodel.content]] }, log, bound);
  } catch (error) {
    engineTimers.sessionEnded();
    throw unwrapExternalError(error, bound.errorRegistry);
  }
  return {
    end() {
      engine.free();
      engineTimers.sessionEnded();
    },
    async call(work) {
      try {
        return await work(engine);
      } catch (error) {
        throw unwrapExternalError(error, bound.errorRegistry);
      }
    },
  };
}

function unwrapExternalError(error: unknown, registry: { consumeError(id: number): { error: unknown } | undefined }): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (original === undefined) return error;
  const detail = original instanceof Error ? original.message : JSON.stringify(original);
  return new Error(`Schema engine: ${detail}`, { cause: original });
}
