import { conflict, upstreamUnavailable } from "@aiwf/platform";
import { ERR_ABORTED, grpc } from "dgraph-js";

export interface RetryPolicy {
  attempts: number;
  /** The first backoff; each later one doubles, with jitter so racers spread out. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 10 };

/** dgraph-js turns an aborted or conflicting commit into ERR_ABORTED; raw gRPC codes too. */
export function isAborted(error: unknown): boolean {
  return error === ERR_ABORTED || (error as { code?: unknown } | null)?.code === grpc.status.ABORTED;
}

const UNREACHABLE = new Set<unknown>([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]);

export function isUnreachable(error: unknown): boolean {
  return UNREACHABLE.has((error as { code?: unknown } | null)?.code);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction again when Dgraph aborted it because another one touched the same
 * keys (two upserts of one name, say). Each attempt must start a fresh transaction.
 * Persistent contention ends as CONFLICT; an unreachable server as UPSTREAM_UNAVAILABLE.
 */
export async function retryAborted<T>(transaction: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (isUnreachable(error)) throw upstreamUnavailable("Dgraph", error);
      if (!isAborted(error)) throw error;
      if (attempt >= policy.attempts) {
        throw conflict("The knowledge graph was changed concurrently; retry the request", { reason: "CONTENTION" });
      }
      await sleep(policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
