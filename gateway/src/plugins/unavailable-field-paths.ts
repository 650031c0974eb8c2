import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/** `Query.channel` -> `realtime`: the one subgraph that resolves each root field. */
export type RootFieldOwners = ReadonlyMap<string, string>;

const stringArgument = (value: ValueNode | undefined) => (value?.kind === Kind.STRING || value?.kind === Kind.ENUM ? value.value : undefined);

/** Reads root-field ownership off a supergraph's join directives (join__Graph names, @join__field graphs). */
export function rootFieldOwners(supergraphSdl: string): RootFieldOwners {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== "join__Graph") continue;
    for (const value of definition.values ?? []) {
      const joinGraph = value.directives?.find((directive) => directive.name.value === "join__graph");
      const name = stringArgument(joinGraph?.arguments?.find((argument) => argument.name.value === "name")?.value);
      if (name) graphNames.set(value.name.value, name);
    }
  }
  const owners = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    if (definition.name.value !== "Query" && definition.name.value !== "Mutation") continue;
    for (const field of definition.fields ?? []) {
      const graphs = (field.directives ?? [])
        .filter((directive) => directive.name.value === "join__field")
        .map((directive) => stringArgument(directive.arguments?.find((argument) => argument.name.value === "graph")?.value))
        .filter((graph): graph is string => graph !== undefined);
      // A field several subgraphs can resolve (shareable) has no single owner to blame.
      if (graphs.length === 1 && graphNames.has(graphs[0]!)) owners.set(`${definition.name.value}.${field.name.value}`, graphNames.get(graphs[0]!)!);
    }
  }
  return owners;
}

/** Root fields of the operation as (response key, field name), through inline fragments and fragment spreads. */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push([selection.alias?.value ?? selection.name.value, selection.name.value]);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...rootFields(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) fields.push(...rootFields(fragment.selectionSet, fragments, seen));
    }
  }
  return fields;
}

/**
 * Gives each UPSTREAM_UNAVAILABLE error the path of the root fields it left null. The gateway's
 * executor reports a failed fetch once, with the subgraph's name but no path; a client (Apollo
 * Client's per-field error handling, a UI showing "unavailable" in one panel) needs the field.
 * Errors of fetches below the root (entity fields) keep their pathless form.
 */
export function attachUnavailablePaths(
  errors: readonly GraphQLFormattedError[],
  data: Record<string, unknown> | null | undefined,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  owners: RootFieldOwners,
): GraphQLFormattedError[] {
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const rootType = operation.operation === "mutation" ? "Mutation" : "Query";
  const fields = rootFields(operation.selectionSet, fragments);
  return errors.flatMap((error) => {
    const service = error.extensions?.serviceName;
    if (error.extensions?.code !== "UPSTREAM_UNAVAILABLE" || typeof service !== "string" || error.path) return [error];
    const keys = fields.filter(([key, name]) => owners.get(`${rootType}.${name}`) === service && (data?.[key] ?? null) === null).map(([key]) => key);
    return keys.length === 0 ? [error] : keys.map((key) => ({ ...error, path: [key] }));
  });
}

/** The plugin around `attachUnavailablePaths`; `owners` is read per request, so a supergraph reload applies at once. */
export function unavailableFieldPathsPlugin(owners: () => RootFieldOwners): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation, document }) {
          if (response.body.kind !== "single" || !operation || !document) return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          result.errors = attachUnavailablePaths(result.errors, result.data, operation, document, owners());
        },
      };
    },
  };
}
