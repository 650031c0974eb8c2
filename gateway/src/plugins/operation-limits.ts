import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

export interface OperationLimits {
  /** Nested selection levels below the root. */
  maxDepth: number;
  /** Aliased fields in one operation (aliases multiply work cheaply for a client). */
  maxAliases: number;
  /** Fields at the root of one operation. */
  maxRootFields: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 30, maxRootFields: 20 };

interface Measure {
  depth: number;
  aliases: number;
}

function measure(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): Measure {
  let depth = 0;
  let aliases = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) aliases++;
      const inner = selection.selectionSet ? measure(selection.selectionSet, fragments, seen) : { depth: 0, aliases: 0 };
      depth = Math.max(depth, selection.selectionSet ? inner.depth + 1 : 0);
      aliases += inner.aliases;
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
      const inner = measure(fragment.selectionSet, fragments, selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen);
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    }
  }
  return { depth, aliases };
}

function isIntrospection(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith("__"));
}

function rootFieldCount(operation: OperationDefinitionNode): number {
  return operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD).length;
}

/**
 * A validation rule bounding how much one operation may ask for: the same rule runs for
 * HTTP and for subscriptions over WebSocket. Violations are the client's input:
 * BAD_USER_INPUT with the limit that was exceeded.
 */
export function operationLimitsRule(limits: OperationLimits = DEFAULT_OPERATION_LIMITS) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(
      context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const report = (message: string, limit: string, node: OperationDefinitionNode) =>
      context.reportError(new GraphQLError(message, { nodes: [node], extensions: { code: "BAD_USER_INPUT", reason: "OPERATION_LIMIT", limit } }));
    return {
      OperationDefinition(operation) {
        if (isIntrospection(operation)) return; // Sandbox's schema query is deep by design
        const { depth, aliases } = measure(operation.selectionSet, fragments, new Set());
        if (depth > limits.maxDepth) report(`The operation is nested ${depth} levels deep; the limit is ${limits.maxDepth}`, "maxDepth", operation);
        if (aliases > limits.maxAliases) report(`The operation uses ${aliases} aliases; the limit is ${limits.maxAliases}`, "maxAliases", operation);
        const roots = rootFieldCount(operation);
        if (roots > limits.maxRootFields) report(`The operation asks for ${roots} root fields; the limit is ${limits.maxRootFields}`, "maxRootFields", operation);
      },
    };
  };
}
