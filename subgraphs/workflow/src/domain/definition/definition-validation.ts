import { badInput } from "@aiwf/platform";
import { isNodeType, type RetryPolicy, type RetrySettings, type WorkflowDefinition, type WorkflowEdge, type WorkflowNode } from "./definition";
import { configProblem } from "./node-config";

export const MAX_NODES = 500;
const NODE_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** What a client sends: shapes unchecked (type is any string, config any JSON). */
export interface DefinitionInput {
  nodes: Array<{ id: string; type: string; config?: unknown; retry?: RetrySettings | null; timeoutMs?: number | null }>;
  edges: Array<{ from: string; to: string; when?: string | null }>;
}

/**
 * Checks a definition and returns it typed, or throws BAD_USER_INPUT naming the node and
 * field (`input.definition.nodes[2].config.expression`). Order: each node, each edge, then
 * the graph (cycles, reachability from the entry node, condition branches).
 */
export function parseDefinition(input: DefinitionInput, path = "input.definition"): WorkflowDefinition {
  if (input.nodes.length > MAX_NODES) throw badInput(`${path}.nodes`, `A definition has at most ${MAX_NODES} nodes`);
  const index = new Map<string, number>();
  const nodes: WorkflowNode[] = input.nodes.map((node, i) => {
    const at = `${path}.nodes[${i}]`;
    if (!NODE_ID.test(node.id ?? "")) throw badInput(`${at}.id`, "A node id is 1-64 letters, digits, _ or -, starting with a letter or _");
    if (index.has(node.id)) throw badInput(`${at}.id`, `Node id "${node.id}" is used twice`);
    index.set(node.id, i);
    if (!isNodeType(node.type)) throw badInput(`${at}.type`, `Node "${node.id}" has unknown type "${node.type}"`);
    const problem = configProblem(node.type, node.config);
    if (problem) throw badInput(`${at}.config${problem.path}`, `Node "${node.id}" (${node.type}): ${problem.message}`);
    checkRetry(node, at);
    if (node.timeoutMs != null && (!Number.isInteger(node.timeoutMs) || node.timeoutMs < 1)) {
      throw badInput(`${at}.timeoutMs`, `Node "${node.id}": timeoutMs must be a positive integer`);
    }
    return { id: node.id, type: node.type, config: (node.config ?? {}) as Record<string, unknown>, retry: node.retry ?? null, timeoutMs: node.timeoutMs ?? null };
  });
  const edges: WorkflowEdge[] = input.edges.map((edge, i) => {
    const at = `${path}.edges[${i}]`;
    for (const end of ["from", "to"] as const) {
      if (!index.has(edge[end])) throw badInput(`${at}.${end}`, `Edge ${i} points to missing node "${edge[end]}"`);
    }
    const from = nodes[index.get(edge.from)!]!;
    if (from.type === "condition" && !edge.when) throw badInput(`${at}.when`, `An edge out of condition "${from.id}" needs a when label`);
    if (from.type !== "condition" && edge.when) throw badInput(`${at}.when`, `Only edges out of a condition carry a when label ("${from.id}" is ${from.type})`);
    return { from: edge.from, to: edge.to, when: edge.when ?? null };
  });
  checkGraph({ nodes, edges }, path);
  return { nodes, edges };
}

function checkRetry(node: DefinitionInput["nodes"][number], at: string): void {
  const limits: Record<keyof RetryPolicy, [number, number]> = {
    maxAttempts: [1, 20],
    initialDelayMs: [0, 3_600_000],
    backoffCoefficient: [1, 10],
    maxDelayMs: [0, 86_400_000],
  };
  for (const [key, [min, max]] of Object.entries(limits) as Array<[keyof RetryPolicy, [number, number]]>) {
    const value = node.retry?.[key];
    if (value != null && (typeof value !== "number" || value < min || value > max)) {
      throw badInput(`${at}.retry.${key}`, `Node "${node.id}": retry.${key} must be between ${min} and ${max}`);
    }
  }
}

/** Depth-first from the entry: a back edge is a cycle; a node never visited is unreachable. */
function checkGraph(definition: WorkflowDefinition, path: string): void {
  const { nodes, edges } = definition;
  if (nodes.length === 0) return;
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string): void => {
    state.set(id, "visiting");
    edges.forEach((edge, i) => {
      if (edge.from !== id) return;
      if (state.get(edge.to) === "visiting") throw badInput(`${path}.edges[${i}]`, `Edge ${edge.from} -> ${edge.to} closes a cycle`);
      if (!state.has(edge.to)) visit(edge.to);
    });
    state.set(id, "done");
  };
  visit(nodes[0]!.id);
  nodes.forEach((node, i) => {
    if (!state.has(node.id)) throw badInput(`${path}.nodes[${i}]`, `Node "${node.id}" is unreachable from the entry node "${nodes[0]!.id}"`);
  });
  // Cycles among unreachable nodes were reported as unreachable above.
}
