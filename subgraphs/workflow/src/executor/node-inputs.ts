import type { WorkflowNode } from "../domain/definition/definition";
import { evaluateExpression, renderTemplate, type RunScope } from "../domain/definition/expressions";
import type { ContentIngestStepInput, KnowledgeLinkStepInput } from "./gateway-activities";
import type { McpToolStepInput } from "./mcp-tool.activity";
import { StepFailure } from "./step-failure";

type Preparer = (node: WorkflowNode, config: Record<string, any>, scope: RunScope) => Promise<unknown>;

const optionalTemplate = async (template: string | undefined, scope: RunScope) => (template === undefined ? null : renderTemplate(template, scope));

/** A rendered template the target needs filled: empty is the author's mistake, not worth a retry. */
async function filled(node: WorkflowNode, field: string, template: string, scope: RunScope): Promise<string> {
  const value = (await renderTemplate(template, scope)).trim();
  if (!value) throw new StepFailure(`Node "${node.id}": config.${field} rendered empty`, "EMPTY_VALUE", false);
  return value;
}

/**
 * Inputs of the node types that act on MCP servers and on other subgraphs, rendered from the
 * run state (and recorded in StepStarted, so a resumed attempt sends the same request).
 */
export const nodeInputPreparers: Partial<Record<WorkflowNode["type"], Preparer>> = {
  async mcpTool(node, config, scope) {
    const args = config.arguments ? await evaluateExpression(config.arguments, scope) : {};
    if (args === null || typeof args !== "object" || Array.isArray(args)) {
      throw new StepFailure(`Node "${node.id}": config.arguments must evaluate to an object`, "EXPRESSION", false);
    }
    const input: McpToolStepInput = { server: config.server, tool: config.tool, arguments: args as Record<string, unknown> };
    return input;
  },

  async contentIngest(node, config, scope) {
    const input: ContentIngestStepInput = {
      title: await filled(node, "title", config.title, scope),
      content: await filled(node, "content", config.content, scope),
      format: config.format ?? null,
    };
    return input;
  },

  async knowledgeLink(node, config, scope) {
    const relatedTo = config.relatedTo === undefined ? null : await filled(node, "relatedTo", config.relatedTo, scope);
    const documentId = config.documentId === undefined ? null : await filled(node, "documentId", config.documentId, scope);
    const input: KnowledgeLinkStepInput = {
      concept: await filled(node, "concept", config.concept, scope),
      description: (await optionalTemplate(config.description, scope)) || null,
      relatedTo,
      relationship: config.relationship ?? "RELATED",
      documentId,
    };
    return input;
  },
};
