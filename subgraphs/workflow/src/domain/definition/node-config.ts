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

/** How a tenant names a registered MCP server; the registry and `mcpTool` nodes share it. */
export const MCP_SERVER_ID = /^[a-z][a-z0-9-]{0,62}$/;

/** The document formats the content subgraph takes as text (PDF comes as bytes, not a template). */
export const TEXT_DOCUMENT_FORMATS = ["TEXT", "MARKDOWN", "HTML"] as const;

/** Relationship types of the knowledge graph: `concept` is <type> `relatedTo`. */
export const CONCEPT_RELATIONSHIPS = ["PREREQUISITE", "RELATED", "PART_OF"] as const;

const filledTemplate = template.pipe(z.string().min(1, "must not be empty"));

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
  mcpTool: z
    .object({
      /** The id the tenant registered the server under (`registerMcpServer`). */
      server: z.string().regex(MCP_SERVER_ID, "must be a registered MCP server id (lower-case letters, digits and -)"),
      tool: z.string().min(1).max(200),
      /** A JSONata expression whose value (an object) is the tool's arguments; none when omitted. */
      arguments: expression.optional(),
      timeoutMs: z.number().int().min(1).max(600_000).optional(),
    })
    .strict(),
  contentIngest: z
    .object({
      title: filledTemplate,
      content: filledTemplate,
      format: z.enum(TEXT_DOCUMENT_FORMATS).optional(),
    })
    .strict(),
  knowledgeLink: z
    .object({
      /** The concept to create or update, by name. */
      concept: filledTemplate,
      description: template.optional(),
      /** A second concept (created when missing) that `concept` is related to. */
      relatedTo: filledTemplate.optional(),
      relationship: z.enum(CONCEPT_RELATIONSHIPS).optional(),
      /** A document (e.g. `{{ steps.ingest.id }}`) recorded as mentioning the concept. */
      documentId: filledTemplate.optional(),
    })
    .strict()
    .refine((config) => !config.relationship || config.relatedTo, { path: ["relatedTo"], message: "is needed when relationship is set" }),
};

/** The first problem of a node's config: the path inside `config` and a message. */
export function configProblem(type: NodeType, config: unknown): { path: string; message: string } | undefined {
  const result = nodeConfigSchemas[type].safeParse(config ?? {});
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const keys = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
  return { path: keys.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join(""), message: issue.message };
}
