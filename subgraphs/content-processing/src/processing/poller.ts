import type { Logger } from "@aiwf/platform";

export interface Poller {
  start(): void;
  /** Runs a round now (or right after the current one) instead of waiting for the interval. */
  wake(): void;
  /** Stops polling; resolves when the round in flight has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `round` every `intervalMs`, and again at once while rounds find work (a round
 * returns how many items it handled). A failing round is logged and retried on the next
 * tick: a database hiccup must not end background processing.
 */
export function createPoller({ name, intervalMs, logger, round }: { name: string; intervalMs: number; logger: Logger; round: () => Promise<number> }): Poller {
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;

  const schedule = (delay: number) => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref?.();
  };

  function tick(): void {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = round().then(
      (handled) => {
        inFlight = undefined;
        const more = handled > 0 || again;
        again = false;
        schedule(more ? 0 : intervalMs);
      },
      (error: unknown) => {
        inFlight = undefined;
        again = false;
        logger.error({ err: error }, `${name}: round failed`);
        schedule(intervalMs);
      },
    );
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    wake() {
      if (running) schedule(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
