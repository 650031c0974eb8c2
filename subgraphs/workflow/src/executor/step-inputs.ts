import type { WorkflowNode } from "../domain/definition/definition";
import { evaluateExpression, renderTemplate, type RunScope } from "../domain/definition/expressions";
import { incomingEdges } from "../domain/definition/definition";
import type { Run } from "../domain/run/run";
import { isTaken } from "../domain/run/orchestrator";
import type { HttpStepInput, LlmStepInput } from "./activities";
import { nodeInputPreparers } from "./node-inputs";
import { StepFailure } from "./step-failure";

/**
 * Deterministic work done from the run state alone: the inputs of side-effecting steps
 * (recorded in StepStarted, so a resumed attempt sends exactly the same request) and the
 * results of pure nodes. Same state in, same value out.
 */
export async function prepareInput(node: WorkflowNode, scope: RunScope): Promise<unknown> {
  const config = node.config as Record<string, any>;
  return guard(node, async () => {
    if (node.type === "http") {
      const headers: Record<string, string> = {};
      for (const [name, template] of Object.entries((config.headers ?? {}) as Record<string, string>)) headers[name] = await renderTemplate(template, scope);
      const input: HttpStepInput = {
        method: config.method,
        url: await renderTemplate(config.url, scope, encodeURIComponent),
        headers,
        body: config.body ? await evaluateExpression(config.body, scope) : null,
      };
      return input;
    }
    if (node.type === "llm") {
      const input: LlmStepInput = {
        provider: config.provider ?? null,
        model: config.model,
        prompt: await renderTemplate(config.prompt, scope),
        system: config.system ?? null,
        maxTokens: config.maxTokens ?? null,
      };
      return input;
    }
    const prepare = nodeInputPreparers[node.type];
    return prepare ? prepare(node, config, scope) : null;
  });
}

/** The output of a transform, condition, parallel or join node. */
export async function evaluatePure(node: WorkflowNode, run: Run, scope: RunScope): Promise<unknown> {
  const config = node.config as { expression?: string };
  return guard(node, async () => {
    if (node.type === "transform" || node.type === "condition") return evaluateExpression(config.expression!, scope);
    if (node.type === "join") {
      const joined: Record<string, unknown> = {};
      for (const edge of incomingEdges(run.definition, node.id)) {
        const from = run.steps.find((step) => step.nodeId === edge.from);
        if (from?.status === "SUCCEEDED" && isTaken(run, edge, from)) joined[edge.from] = from.output;
      }
      return joined;
    }
    return null; // parallel: fan-out is its outgoing edges
  });
}

/** An expression that fails at run time (a type error, a missing function) will fail again: not retryable. */
async function guard<T>(node: WorkflowNode, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    const message = (error as { message?: string }).message ?? String(error);
    throw new StepFailure(`Node "${node.id}": expression failed: ${message}`, "EXPRESSION", false);
  }
}
