import type { Request, Response } from "express";

export interface ReadinessCheck {
  /** The dependency checked, e.g. "postgres". */
  name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check: () => Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** /health/ready: 200 when every store answers, 503 naming the ones that do not. */
export function readinessHandler(checks: ReadinessCheck[]) {
  return async (_req: Request, res: Response) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return { name, status: "ok" as const };
        } catch (error) {
          return { name, status: "down" as const, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ready = results.every((result) => result.status === "ok");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", checks: results });
  };
}
