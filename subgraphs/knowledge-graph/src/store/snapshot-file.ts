import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * A JSON file rewritten as a whole, at most once per `debounceMs`. Each write goes to a
 * temporary file that is fsynced and then renamed over the old one, so a crash leaves
 * either the previous snapshot or the new one, never half of one.
 */
export class SnapshotFile {
  private timer: NodeJS.Timeout | undefined;
  private pending: (() => unknown) | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;
  private writes = 0;

  constructor(
    readonly path: string,
    private readonly debounceMs = 50,
  ) {}

  /** The stored snapshot, or undefined when none was written yet. */
  async load(): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.path, "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** Asks for a write; `produce` is called when the write happens, so it sees the latest state. */
  schedule(produce: () => unknown): void {
    this.pending = produce;
    if (this.timer) return;
    this.timer = setTimeout(() => this.startWrite(), this.debounceMs);
    // A pending write must not keep a process alive; close() flushes it.
    this.timer.unref();
  }

  /** Writes what is pending now; rejects when this or an earlier background write failed. */
  async flush(): Promise<void> {
    this.startWrite();
    await this.writing;
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  private startWrite(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const produce = this.pending;
    this.pending = undefined;
    if (!produce) return;
    const data = JSON.stringify(produce());
    // Writes queue behind each other; a failure is kept for the next flush to report.
    this.writing = this.writing.then(() => this.write(data)).catch((error: unknown) => {
      this.failure = error;
    });
  }

  private async write(data: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.${++this.writes}.tmp`;
    const file = await open(temporary, "w");
    try {
      await file.writeFile(data, "utf8");
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, this.path);
  }
}
