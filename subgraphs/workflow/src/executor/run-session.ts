import { isDomainError } from "@aiwf/platform";
import type { EventStore, NewEvent, RecordedEvent } from "../domain/event-store";
import { runStreamId, type Run } from "../domain/run/run";
import { evolveRun, foldRun } from "../domain/run/run-state";
import { EXECUTOR_METADATA } from "../store/run-projection";

/**
 * One run as this executor sees it: the folded state and its stream version. Appends are
 * serialized (parallel steps finish concurrently, one stream takes one append at a time);
 * an append that meets a newer stream (a signal or cancel from outside) reloads and asks
 * the caller whether its events still apply.
 */
export class RunSession {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: EventStore,
    private readonly now: () => Date,
    readonly tenantId: string,
    public run: Run,
  ) {}

  static async load(store: EventStore, now: () => Date, tenantId: string, runId: string): Promise<RunSession | undefined> {
    const run = foldRun(await store.readStream(tenantId, runStreamId(runId)));
    return run ? new RunSession(store, now, tenantId, run) : undefined;
  }

  /** Appends `build(run)` (nothing when it returns []) against the latest state; returns whether it appended. */
  append(build: (run: Run) => NewEvent[]): Promise<boolean> {
    const next = this.chain.then(() => this.appendNow(build));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async appendNow(build: (run: Run) => NewEvent[]): Promise<boolean> {
    for (;;) {
      const events = build(this.run).map((event) => ({ ...event, metadata: { ...EXECUTOR_METADATA } }));
      if (events.length === 0) return false;
      try {
        await this.store.appendToStream(this.tenantId, runStreamId(this.run.id), this.run.version, events);
      } catch (error) {
        if (!(isDomainError(error) && error.code === "CONFLICT")) throw error;
        await this.reload();
        continue;
      }
      // Folded locally: the store recorded the same events at (about) this time.
      const recordedAt = this.now();
      events.forEach((event, index) => (this.run = evolveRun(this.run, this.recorded(event, this.run.version + 1, recordedAt, index))));
      return true;
    }
  }

  async reload(): Promise<void> {
    const newer = await this.store.readStream(this.tenantId, runStreamId(this.run.id), this.run.version + 1);
    this.run = foldRun(newer, this.run)!;
  }

  private recorded(event: NewEvent, version: number, recordedAt: Date, index: number): RecordedEvent {
    return {
      id: `local-${version}-${index}`,
      position: 0n,
      streamId: runStreamId(this.run.id),
      version,
      type: event.type,
      data: event.data,
      metadata: event.metadata ?? {},
      recordedAt,
    };
  }
}
