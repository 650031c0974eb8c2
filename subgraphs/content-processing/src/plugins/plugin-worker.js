// The sandbox side of the analyzer-plugin runtime: runs inside a worker thread started by
// plugin-worker-pool.ts. Plain CommonJS so that it runs in a worker without a TypeScript
// loader. It instantiates a module afresh for every job (no state leaks from one document
// to the next), with the ABI's one import and nothing else, and reports either the result
// or a failure reason. The pool enforces the wall-clock limit by terminating this thread.
"use strict";
const { parentPort } = require("node:worker_threads");

class PluginFailure extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

/** AssemblyScript passes `abort` a string pointer: UTF-16 with its byte length just before. */
function readAbortMessage(memory, ptr) {
  try {
    const view = new DataView(memory.buffer);
    const bytes = view.getUint32(ptr - 4, true);
    if (bytes > 512 || ptr + bytes > memory.buffer.byteLength) return "";
    return Buffer.from(memory.buffer, ptr, bytes).toString("utf16le");
  } catch {
    return "";
  }
}

function instantiate(module, limits) {
  let memory = null;
  const env = {
    abort(message, _file, line, column) {
      const text = memory ? readAbortMessage(memory, message) : "";
      throw new PluginFailure("PLUGIN_TRAP", `aborted${text ? `: ${text}` : ""} (line ${line}, column ${column})`);
    },
  };
  const instance = new WebAssembly.Instance(module, { env });
  memory = instance.exports.memory;
  return { exports: instance.exports, memory, limits };
}

function checkMemory(plugin) {
  const bytes = plugin.memory.buffer.byteLength;
  if (bytes > plugin.limits.maxMemoryBytes) {
    throw new PluginFailure("PLUGIN_MEMORY", `linear memory grew to ${bytes} bytes, over the limit of ${plugin.limits.maxMemoryBytes}`);
  }
}

// Annotations are stored and served as JSON later: deep nesting would only move a stack
// overflow from the plugin's sandbox into the host's request path.
const MAX_JSON_DEPTH = 32;

function depthOf(value) {
  let deepest = 0;
  const stack = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop();
    if (node === null || typeof node !== "object") continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function analyze(plugin, input) {
  const { exports, memory, limits } = plugin;
  const ptr = Number(exports.alloc(input.length)) >>> 0;
  if (ptr + input.length > memory.buffer.byteLength) {
    throw new PluginFailure("PLUGIN_OUTPUT", `alloc(${input.length}) returned ${ptr}, outside linear memory`);
  }
  new Uint8Array(memory.buffer, ptr, input.length).set(input);
  const packed = exports.analyze(ptr, input.length);
  checkMemory(plugin);
  if (typeof packed !== "bigint") throw new PluginFailure("PLUGIN_OUTPUT", "analyze must return an i64 (pointer << 32 | length)");
  const outPtr = Number((packed >> 32n) & 0xffffffffn);
  const outLen = Number(packed & 0xffffffffn);
  if (outLen > limits.maxOutputBytes) {
    throw new PluginFailure("PLUGIN_OUTPUT", `output of ${outLen} bytes is over the limit of ${limits.maxOutputBytes}`);
  }
  if (outPtr + outLen > memory.buffer.byteLength) throw new PluginFailure("PLUGIN_OUTPUT", "output lies outside linear memory");
  let json;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(memory.buffer, outPtr, outLen));
    json = JSON.parse(text);
  } catch {
    throw new PluginFailure("PLUGIN_OUTPUT", "output is not UTF-8 JSON");
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new PluginFailure("PLUGIN_OUTPUT", "output must be a JSON object");
  if (depthOf(json) > MAX_JSON_DEPTH) throw new PluginFailure("PLUGIN_OUTPUT", `output nests deeper than ${MAX_JSON_DEPTH} levels`);
  return json;
}

function run(job) {
  const plugin = instantiate(job.module, job.limits);
  try {
    checkMemory(plugin);
    if (job.kind === "probe") return { abiVersion: Number(plugin.exports.abi_version()) };
    return { output: analyze(plugin, job.input) };
  } catch (error) {
    // A plugin that trapped after exhausting its capped memory ran out of memory.
    if (!(error instanceof PluginFailure) && plugin.memory.buffer.byteLength >= job.limits.maxMemoryBytes) {
      throw new PluginFailure("PLUGIN_MEMORY", `trapped with its memory at the limit of ${job.limits.maxMemoryBytes} bytes`);
    }
    throw error;
  }
}

parentPort.on("message", (job) => {
  try {
    parentPort.postMessage({ id: job.id, ok: true, ...run(job) });
  } catch (error) {
    const reason = error instanceof PluginFailure ? error.reason : "PLUGIN_TRAP";
    const message = error instanceof Error ? error.message : String(error);
    parentPort.postMessage({ id: job.id, ok: false, reason, message });
  }
});
