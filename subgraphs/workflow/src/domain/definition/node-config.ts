import { z } from "zod";
import type { NodeType } from "./definition";
import { expressionProblem, templateExpressions } from "./expressions";

/**
 * What each node type needs in `config`. Expressions and templates are checked by compiling
 * them, so a bad JSONata is refused when the definition is saved, not when a run reaches it.
 */
const expression = z.string().min(1, "an expression is required").superRefine((source, ctx) => {
  const problem = expressionProblem(source);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const template = z.string().superRefine((text, ctx) => {
  for (const source of templateExpressions(text)) {
    const problem = expressionProblem(source);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem} (in {{ ${source} }})` });
  }
});

const DAY_MS = 86_400_000;

export const nodeConfigSchemas: Record<NodeType, z.ZodType<Record<string, unknown>>> = {
  transform: z.object({ expression }).strict(),
  condition: z.object({ expression }).strict(),
  parallel: z.object({}).strict(),
  join: z.object({}).strict(),
  delay: z.object({ durationMs: z.number().int().min(0).max(30 * DAY_MS) }).strict(),
  waitForSignal: z.object({ signal: z.string().min(1).max(200) }).strict(),
  http: z
    .object({
      method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
      url: template.refine((url) => /^https?:\/\//.test(url), "must start with http:// or https://"),
      headers: z.record(z.string(), template).optional(),
      /** A JSONata expression whose value is sent as the JSON body. */
      body: expression.optional(),
      timeoutMs: z.number().int().min(1).max(600_000).optional(),
    })
    .strict(),
  llm: z
    .object({
      prompt: template.pipe(z.string().min(1)),
      model: z.string().min(1),
      provider: z.string().min(1).optional(),
      system: z.string().optional(),
      maxTokens: z.number().int().min(1).max(100_000).optional(),
    })
    .strict(),
};

/** The first problem of a node's config: the path inside `config` and a message. */
export function configProblem(type: NodeType, config: unknown): { path: string; message: string } | undefined {
  const result = nodeConfigSchemas[type].safeParse(config ?? {});
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const keys = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
  return { path: keys.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join(""), message: issue.message };
}
