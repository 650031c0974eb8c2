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
 *
 * Work that needs no I/O (pure steps, timers, bookkeeping) can be held instead of appended:
 * `latest` folds the held events over the recorded run, so decisions chain on in memory, and
 * `flush` appends them all at once before anything leaves the process. A crash before the
 * flush loses only a computation that a replay repeats.
 */
export class RunSession {
  private chain: Promise<unknown> = Promise.resolve();
  /** Events decided but not yet appended, the run they lead to, and the version they build on. */
  private held: NewEvent[] = [];
  private heldRun: Run | null = null;
  private heldFrom = 0;

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

  /**
   * The run with the held events applied. Held events decided from a run that has moved since
   * (an in-flight step's append) are dropped here, so decisions never rest on a stale state.
   */
  get latest(): Run {
    if (this.held.length > 0 && this.run.version !== this.heldFrom) this.dropHeld();
    return this.heldRun ?? this.run;
  }

  /**
   * Holds `events`, decided from `decidedFrom` (a `latest`), to append with the next flush, and
   * applies them to `latest` at once. False, holding nothing, when `latest` has moved on
   * meanwhile: decide again from the newer state.
   */
  hold(events: readonly NewEvent[], decidedFrom: Run): boolean {
    let run = this.latest;
    if (run !== decidedFrom) return false;
    if (events.length === 0) return true;
    if (this.held.length === 0) this.heldFrom = this.run.version;
    const at = this.now();
    for (const event of events) run = evolveRun(run, this.recorded(event, run.version + 1, at, this.held.length));
    this.held.push(...events);
    this.heldRun = run;
    return true;
  }

  /**
   * Appends the held events in one append. False when the stream moved first (a signal, a
   * cancel): they were decided from an older state, so they are dropped and must be decided again.
   */
  async flush(): Promise<boolean> {
    if (this.latest === this.run) return true;
    const [events, from] = [this.held, this.heldFrom];
    this.dropHeld();
    return this.append((run) => (run.version === from ? events : []));
  }

  private dropHeld(): void {
    this.held = [];
    this.heldRun = null;
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
