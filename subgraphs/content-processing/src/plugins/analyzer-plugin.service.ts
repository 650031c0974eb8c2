import { createHash } from "node:crypto";
import { badInput, DomainError, forbidden, hasRole, type Identity } from "@aiwf/platform";
import { ABI_VERSION, type PluginFailureReason, type PluginRejectionReason, WASM_PAGE_BYTES } from "./abi";
import { DEFAULT_PLUGIN_CEILINGS, memoryPagesOf, type PluginLimits, resolvePluginLimits } from "./plugin-limits";
import { PluginModuleCache } from "./plugin-module-cache";
import type { AnalyzerPluginRecord, AnalyzerPluginSummary, PluginRegistry } from "./plugin-registry";
import type { PluginJobLimits, PluginWorkerPool } from "./plugin-worker-pool";
import { validatePluginModule } from "./validate-plugin-module";

export interface RegisterPluginInput {
  name: string;
  version: string;
  /** The module's bytes, or them base64-encoded (as the GraphQL input carries them). */
  wasm: Uint8Array | string;
  limits?: Partial<PluginLimits>;
}

/** One plugin that produced no annotation for a document, and why. */
export interface PluginFailure {
  plugin: string;
  version: string;
  reason: PluginFailureReason | PluginRejectionReason;
  message: string;
}

export interface PluginAnnotations {
  /** Each plugin's JSON object, by plugin name. */
  annotations: Record<string, Record<string, unknown>>;
  failures: PluginFailure[];
}

type RunResult = { ok: true; output: Record<string, unknown> } | { ok: false; reason: PluginFailure["reason"]; message: string };

export interface AnalyzerPluginServiceDeps {
  registry: PluginRegistry;
  pool: PluginWorkerPool;
  /** The most a registration may ask for; default DEFAULT_PLUGIN_CEILINGS. */
  ceilings?: PluginLimits;
  /** Largest module accepted; default 8 MiB. */
  maxModuleBytes?: number;
  clock?: () => Date;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$/;
const WASM_FIELD = "input.wasmBase64";
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64: Buffer.from would silently skip characters that are not base64. */
function decodeModule(wasm: Uint8Array | string): Uint8Array {
  if (typeof wasm !== "string") return wasm;
  const compact = wasm.replace(/\s+/g, "");
  if (!BASE64.test(compact) || compact.length % 4 !== 0) throw badInput(WASM_FIELD, "Not valid base64", { reason: "PLUGIN_INVALID" });
  return new Uint8Array(Buffer.from(compact, "base64"));
}

export const jobLimitsOf = (limits: PluginLimits): PluginJobLimits => ({
  timeoutMs: limits.timeoutMs,
  maxMemoryBytes: memoryPagesOf(limits) * WASM_PAGE_BYTES,
  maxOutputBytes: limits.maxOutputBytes,
});

/** Tenants' analyzer plugins: registered by admins, run over every analysed document. */
export class AnalyzerPluginService {
  private readonly modules = new PluginModuleCache();

  constructor(private readonly deps: AnalyzerPluginServiceDeps) {}

  /**
   * Validates the module against the ABI and the limits without running plugin code on
   * this thread, probes `abi_version()` in a worker, then stores it (replacing the
   * tenant's plugin of the same name).
   */
  async register(identity: Identity, input: RegisterPluginInput): Promise<AnalyzerPluginRecord> {
    if (!hasRole(identity, "admin")) throw forbidden("Registering analyzer plugins needs the admin role");
    if (!NAME.test(input.name)) throw badInput("input.name", "A plugin name is lower-case letters, digits and '-', starting with a letter, at most 63 characters");
    if (!VERSION.test(input.version)) throw badInput("input.version", "A version is letters, digits, '.', '+' and '-', at most 64 characters");
    const limits = resolvePluginLimits(input.limits ?? {}, this.deps.ceilings ?? DEFAULT_PLUGIN_CEILINGS);
    const wasm = decodeModule(input.wasm);
    const maxBytes = this.deps.maxModuleBytes ?? 8 * 1024 * 1024;
    if (wasm.length === 0) throw badInput(WASM_FIELD, "The module is empty", { reason: "PLUGIN_INVALID" });
    if (wasm.length > maxBytes) {
      throw new DomainError("PAYLOAD_TOO_LARGE", `The module is larger than ${maxBytes} bytes`, { field: WASM_FIELD, limit: maxBytes });
    }

    const validated = await validatePluginModule(wasm, memoryPagesOf(limits));
    if (!validated.ok) throw badInput(WASM_FIELD, `The module was refused: ${validated.message}`, { reason: validated.reason });
    const probe = await this.deps.pool.run({ kind: "probe", module: validated.module }, jobLimitsOf(limits));
    if (!probe.ok) throw badInput(WASM_FIELD, `The module failed to start: ${probe.message}`, { reason: probe.reason });
    if (probe.abiVersion !== ABI_VERSION) {
      throw badInput(WASM_FIELD, `The module speaks ABI version ${probe.abiVersion}; this host runs version ${ABI_VERSION}`, { reason: "PLUGIN_ABI" });
    }

    const record: AnalyzerPluginRecord = {
      tenantId: identity.tenantId,
      name: input.name,
      version: input.version,
      abiVersion: probe.abiVersion,
      wasm,
      sizeBytes: wasm.length,
      sha256: createHash("sha256").update(wasm).digest("hex"),
      limits,
      registeredAt: (this.deps.clock ?? (() => new Date()))(),
    };
    await this.deps.registry.register(record);
    this.modules.put(record, validated);
    return record;
  }

  list(identity: Identity): Promise<AnalyzerPluginSummary[]> {
    return this.deps.registry.list(identity.tenantId);
  }

  async remove(identity: Identity, name: string): Promise<boolean> {
    if (!hasRole(identity, "admin")) throw forbidden("Removing analyzer plugins needs the admin role");
    this.modules.evict(identity.tenantId, name);
    return this.deps.registry.remove(identity.tenantId, name);
  }

  /**
   * Runs every plugin of the tenant over the text, side by side in the worker pool. A
   * plugin that fails is listed in `failures` and leaves the others' annotations intact.
   */
  async runAnalyzerPlugins(tenantId: string, text: string): Promise<PluginAnnotations> {
    const plugins = await this.deps.registry.list(tenantId);
    const input = new TextEncoder().encode(text);
    const outcomes = await Promise.all(plugins.map((plugin) => this.runOne(plugin, input)));
    const result: PluginAnnotations = { annotations: {}, failures: [] };
    plugins.forEach((plugin, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) result.annotations[plugin.name] = outcome.output;
      else result.failures.push({ plugin: plugin.name, version: plugin.version, reason: outcome.reason, message: outcome.message });
    });
    return result;
  }

  private async runOne(plugin: AnalyzerPluginSummary, input: Uint8Array): Promise<RunResult> {
    const load = async () => (await this.deps.registry.get(plugin.tenantId, plugin.name))?.wasm ?? null;
    const validated = await this.modules.get(plugin, load);
    if (!validated.ok) return validated;
    const outcome = await this.deps.pool.run({ kind: "run", module: validated.module, input }, jobLimitsOf(plugin.limits));
    // A successful run always carries the output: the worker checked it is a JSON object.
    return outcome.ok ? { ok: true, output: outcome.output ?? {} } : outcome;
  }
}
