import { createHash } from "node:crypto";
import type { LlmProvider, LlmRequest, LlmResponse } from "./llm-provider";
import { estimateTokens } from "./token-estimate";

/** Longest echo of the prompt the local model repeats back, in characters. */
const ECHO_LIMIT = 160;

/**
 * The default provider: no network, no weights, and the same request always gives the
 * same text, so workflows with `llm` nodes run (and replay) identically in development,
 * tests and CI. The text is `[local:<model>:<digest>] <echo>`: the digest (sha256 of
 * model, system and prompt) makes different requests distinguishable, and the echo
 * (the prompt's last line, trimmed) lets a test see that a template was rendered.
 * Temperature is ignored on purpose: randomness would break replay.
 */
export function createLocalProvider(): LlmProvider {
  return {
    name: "local",
    async complete(request: LlmRequest): Promise<LlmResponse> {
      request.signal?.throwIfAborted();
      const started = performance.now();
      const digest = createHash("sha256")
        .update(`${request.model}\u0000${request.system ?? ""}\u0000${request.prompt}`)
        .digest("hex")
        .slice(0, 12);
      const text = truncateToTokens(`[local:${request.model}:${digest}] ${echoOf(request.prompt)}`, request.maxTokens);
      return {
        text,
        model: request.model,
        provider: "local",
        usage: {
          inputTokens: estimateTokens(request.system ?? "") + estimateTokens(request.prompt),
          outputTokens: estimateTokens(text),
        },
        costUsd: 0,
        latencyMs: Math.round(performance.now() - started),
      };
    },
  };
}

function echoOf(prompt: string): string {
  const lines = prompt.trim().split(/\r?\n/).filter((line) => line.trim() !== "");
  const last = (lines[lines.length - 1] ?? "").trim().replace(/\s+/g, " ");
  return last.length > ECHO_LIMIT ? `${last.slice(0, ECHO_LIMIT - 1)}…` : last;
}

/** Honours maxTokens the way a real model does: the answer stops, it does not fail. */
function truncateToTokens(text: string, maxTokens: number | undefined): string {
  if (maxTokens === undefined || estimateTokens(text) <= maxTokens) return text;
  return text.slice(0, Math.max(0, maxTokens) * 4);
}
