import { join } from "node:path";
import { type ResourceLimits, Worker } from "node:worker_threads";
import type { PluginFailureReason } from "./abi";
import type { CompiledModule } from "./wasm-api";

/** What a worker enforces for one job (the pool enforces `timeoutMs`). */
export interface PluginJobLimits {
  timeoutMs: number;
  maxMemoryBytes: number;
  maxOutputBytes: number;
}

export type PluginJob =
  /** Instantiates the module and reads `abi_version()` (registration). */
  | { kind: "probe"; module: CompiledModule }
  /** Runs `analyze` over the document's UTF-8 text. */
  | { kind: "run"; module: CompiledModule; input: Uint8Array };

export type PluginJobOutcome =
  | { ok: true; abiVersion?: number; output?: Record<string, unknown> }
  | { ok: false; reason: PluginFailureReason; message: string };

export interface PluginWorkerPoolOptions {
  /** Workers running plugins side by side; default 2. */
  size?: number;
  /** V8 heap limits of each worker (linear memory is capped separately, per plugin). */
  resourceLimits?: ResourceLimits;
}

interface Pending {
  job: PluginJob & { id: number; limits: PluginJobLimits };
  settle: (outcome: PluginJobOutcome) => void;
}

interface Slot {
  worker: Worker;
  online: Promise<void>;
  current?: { pending: Pending; timer?: NodeJS.Timeout };
}

const WORKER_SCRIPT = join(__dirname, "plugin-worker.js");
const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };

/**
 * Worker threads that run plugin jobs one at a time each. A job that overruns its time
 * limit, or a worker that dies (heap limit, crash), fails that job only: the worker is
 * terminated and replaced on demand, and the host process is never touched.
 */
export class PluginWorkerPool {
  private readonly size: number;
  private readonly resourceLimits: ResourceLimits;
  private readonly idle: Slot[] = [];
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PluginWorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 2);
    this.resourceLimits = options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS;
  }

  run(job: PluginJob, limits: PluginJobLimits): Promise<PluginJobOutcome> {
    if (this.closed) return Promise.reject(new Error("the plugin worker pool is closed"));
    return new Promise((settle) => {
      this.queue.push({ job: { ...job, id: this.nextId++, limits }, settle });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.settle({ ok: false, reason: "PLUGIN_TRAP", message: "the host is shutting down" });
    await Promise.all([...this.slots].map((slot) => this.discard(slot, { ok: false, reason: "PLUGIN_TRAP", message: "the host is shutting down" })));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.idle.pop() ?? (this.slots.size < this.size ? this.spawn() : undefined);
      if (!slot) return;
      this.assign(slot, this.queue.shift()!);
    }
  }

  private assign(slot: Slot, pending: Pending): void {
    slot.current = { pending };
    // A busy worker keeps the process alive until its job settles; an idle one does not.
    slot.worker.ref();
    slot.worker.postMessage(pending.job);
    // The clock starts once the thread runs, so a cold start is not charged to the plugin.
    void slot.online.then(() => {
      if (slot.current?.pending !== pending) return;
      slot.current.timer = setTimeout(() => {
        void this.discard(slot, { ok: false, reason: "PLUGIN_TIMEOUT", message: `ran longer than ${pending.job.limits.timeoutMs} ms` });
      }, pending.job.limits.timeoutMs);
    });
  }

  private finish(slot: Slot, outcome: PluginJobOutcome): void {
    const current = slot.current;
    if (!current) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    current.pending.settle(outcome);
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SCRIPT, { resourceLimits: this.resourceLimits });
    const slot: Slot = { worker, online: new Promise((resolve) => worker.once("online", () => resolve())) };
    worker.on("message", (outcome: PluginJobOutcome & { id: number }) => {
      if (slot.current?.pending.job.id !== outcome.id) return;
      const { id: _id, ...result } = outcome;
      this.finish(slot, result);
      worker.unref();
      this.idle.push(slot);
      this.dispatch();
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const reason = error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "PLUGIN_MEMORY" : "PLUGIN_TRAP";
      void this.discard(slot, { ok: false, reason, message: `the plugin's worker failed: ${error.message}` });
    });
    worker.on("exit", () => void this.discard(slot, { ok: false, reason: "PLUGIN_TRAP", message: "the plugin's worker exited" }));
    this.slots.add(slot);
    return slot;
  }

  private async discard(slot: Slot, outcome: PluginJobOutcome): Promise<void> {
    this.finish(slot, outcome);
    if (!this.slots.delete(slot)) return;
    const idleAt = this.idle.indexOf(slot);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    if (!this.closed) this.dispatch();
    await slot.worker.terminate();
  }
}
