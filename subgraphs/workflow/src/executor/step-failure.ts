import { isDomainError } from "@aiwf/platform";
import type { StepError } from "../domain/run/run";

/** An activity's failure, marked retryable or not (Temporal's ApplicationFailure `nonRetryable`). */
export class StepFailure extends Error {
  override readonly name = "StepFailure";
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Anything an activity threw, as recorded: unknown errors (a dropped connection) are retryable. */
export function toStepError(error: unknown, signal?: AbortSignal): StepError {
  if (error instanceof StepFailure) return { message: error.message, code: error.code, retryable: error.retryable };
  // By name: the reason is a DOMException, of another realm than this module's Error under some runners.
  if (signal?.aborted && (signal.reason as { name?: string } | undefined)?.name === "TimeoutError") {
    return { message: "The step timed out", code: "TIMEOUT", retryable: true };
  }
  if (isDomainError(error)) {
    const retryable = error.code === "RATE_LIMITED" || error.code === "UPSTREAM_UNAVAILABLE";
    return { message: error.message, code: error.code, retryable };
  }
  return { message: error instanceof Error ? error.message : String(error), code: "STEP_ERROR", retryable: true };
}
