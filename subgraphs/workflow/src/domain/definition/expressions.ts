import jsonata from "jsonata";

/**
 * JSONata over the run state `{ input, steps: { <nodeId>: output } }`. Compiled expressions
 * are cached: the executor evaluates the same few expressions for every run.
 */
const cache = new Map<string, jsonata.Expression>();
const MAX_CACHED = 5_000;

export interface RunScope {
  input: unknown;
  steps: Record<string, unknown>;
}

/** Throws jsonata's error (with `message` and `position`) for a malformed expression. */
export function compileExpression(source: string): jsonata.Expression {
  let expression = cache.get(source);
  if (!expression) {
    expression = jsonata(source);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(source, expression);
  }
  return expression;
}

export async function evaluateExpression(source: string, scope: RunScope): Promise<unknown> {
  const value = await compileExpression(source).evaluate(scope);
  // JSONata marks sequences with extra properties; a JSON round trip leaves plain data to record.
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** `{{ expression }}` parts of a template, e.g. a URL or a prompt. */
const PLACEHOLDER = /\{\{(.+?)\}\}/gs;

export function templateExpressions(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!.trim());
}

/** Renders a template: each placeholder is replaced by its value (objects as JSON). */
export async function renderTemplate(template: string, scope: RunScope, encode: (text: string) => string = (text) => text): Promise<string> {
  const values = await Promise.all(templateExpressions(template).map((source) => evaluateExpression(source, scope)));
  let index = 0;
  return template.replace(PLACEHOLDER, () => {
    const value = values[index++];
    return encode(typeof value === "string" ? value : value === null ? "" : JSON.stringify(value));
  });
}

/** A message for a bad expression, for BAD_USER_INPUT. */
export function expressionProblem(source: string): string | undefined {
  try {
    compileExpression(source);
    return undefined;
  } catch (error) {
    return `Invalid JSONata: ${(error as { message?: string }).message ?? String(error)}`;
  }
}
