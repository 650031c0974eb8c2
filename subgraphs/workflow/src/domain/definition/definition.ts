/**
 * A workflow definition: a DAG of typed nodes. The first node is the entry; every other node
 * must be reachable from it. Edges out of a `condition` carry a `when` label: the branch taken
 * when the condition's value (as a string) equals it, `else` when no label matches.
 */
export const NODE_TYPES = [
  "transform",
  "condition",
  "parallel",
  "join",
  "delay",
  "waitForSignal",
  "http",
  "llm",
  "mcpTool",
  "contentIngest",
  "knowledgeLink",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const isNodeType = (value: unknown): value is NodeType => NODE_TYPES.includes(value as NodeType);

/** How a failed step is retried: attempt n waits initialDelayMs * coefficient^(n-1), capped, with jitter. */
export interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  backoffCoefficient: number;
  maxDelayMs: number;
}

/** A node's own settings; missing ones take the type's defaults. */
export type RetrySettings = { [Key in keyof RetryPolicy]?: number | null };

export interface WorkflowNode {
  id: string;
  type: NodeType;
  config: Record<string, unknown>;
  retry?: RetrySettings | null;
  /** Per attempt; the step fails (retryably) when it runs longer. */
  timeoutMs?: number | null;
}

export interface WorkflowEdge {
  from: string;
  to: string;
  when?: string | null;
}

export interface WorkflowDefinition {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

export const EMPTY_DEFINITION: WorkflowDefinition = { nodes: [], edges: [] };

export const ELSE_BRANCH = "else";
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The node types whose steps are activities: they reach outside the run (and may fail transiently). */
export const SIDE_EFFECTING_TYPES = ["http", "llm", "mcpTool", "contentIngest", "knowledgeLink"] as const satisfies readonly NodeType[];
export type SideEffectingType = (typeof SIDE_EFFECTING_TYPES)[number];

export const isSideEffecting = (type: NodeType): type is SideEffectingType => (SIDE_EFFECTING_TYPES as readonly NodeType[]).includes(type);

/** Side-effecting nodes retry by default; pure ones fail at once (a retry would compute the same). */
export function retryPolicyOf(node: WorkflowNode): RetryPolicy {
  const sideEffecting = isSideEffecting(node.type);
  return {
    maxAttempts: node.retry?.maxAttempts ?? (sideEffecting ? 3 : 1),
    initialDelayMs: node.retry?.initialDelayMs ?? 1_000,
    backoffCoefficient: node.retry?.backoffCoefficient ?? 2,
    maxDelayMs: node.retry?.maxDelayMs ?? 60_000,
  };
}

/** The wait before attempt `nextAttempt` (2 = first retry); `random` in [0, 1) spreads retries ±20 %. */
export function backoffMs(policy: RetryPolicy, nextAttempt: number, random: number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.backoffCoefficient ** (nextAttempt - 2));
  return Math.max(0, Math.round(base * (0.8 + 0.4 * random)));
}

export const incomingEdges = (definition: WorkflowDefinition, nodeId: string) => definition.edges.filter((edge) => edge.to === nodeId);
export const outgoingEdges = (definition: WorkflowDefinition, nodeId: string) => definition.edges.filter((edge) => edge.from === nodeId);
