import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLSchema, parse } from "graphql";
import { buildSchema, createResolversMap, type BuildSchemaOptions } from "type-graphql";

/** Federation v2 imports every subgraph may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

export interface SubgraphSchemaOptions {
  resolvers: BuildSchemaOptions["resolvers"];
  /** Resolver instances built with their dependencies (no module singletons). */
  resolverInstances?: object[];
  orphanedTypes?: BuildSchemaOptions["orphanedTypes"];
  /** `__resolveReference` per entity type name; batch with a per-request DataLoader. */
  referenceResolvers?: ReferenceResolvers;
  /** For `@Subscription({ topics })` fields; fields with their own `subscribe` need none. */
  pubSub?: BuildSchemaOptions["pubSub"];
}

/**
 * type-graphql insists on a pubSub as soon as a schema has subscriptions, even when every
 * field brings its own `subscribe`; this one says so plainly if a topic-based field slips in.
 */
const NO_TOPIC_PUBSUB: NonNullable<BuildSchemaOptions["pubSub"]> = {
  publish() {
    throw new Error("This subgraph's subscriptions use their own `subscribe` functions, not type-graphql topics");
  },
  subscribe() {
    throw new Error("This subgraph's subscriptions use their own `subscribe` functions, not type-graphql topics");
  },
};

/** A container that hands type-graphql the resolver instances the app built. */
function containerOf(instances: object[]) {
  return {
    get(someClass: any) {
      const found = instances.find((instance) => instance.constructor === someClass);
      if (!found) throw new Error(`No resolver instance registered for ${someClass?.name}`);
      return found;
    },
  };
}

/**
 * type-graphql classes -> a Federation v2 subgraph schema. type-graphql builds the types;
 * @apollo/subgraph adds `_service`, `_entities` and the directives.
 */
export async function buildFederatedSchema(options: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: options.resolverInstances ? containerOf(options.resolverInstances) : undefined,
    pubSub: options.pubSub ?? NO_TOPIC_PUBSUB,
    skipCheck: true,
    validate: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
  const resolvers = { ...(createResolversMap(typeGraphqlSchema) as Record<string, any>) };
  for (const [typeName, resolver] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...resolver };
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
