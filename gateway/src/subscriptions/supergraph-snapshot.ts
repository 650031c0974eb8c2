import { Supergraph, type Schema } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import type { GraphQLSchema } from "graphql";

/**
 * Everything planning and completing a subscription needs from one supergraph, built
 * from the same SDL the gateway loaded. Apollo's executor wants the graphql-js supergraph
 * schema but the federation-internals API schema, so both are kept (see TOOLCHAIN).
 */
export class SupergraphSnapshot {
  readonly planner: QueryPlanner;
  readonly apiSchema: Schema;
  /** The public schema, for validation and the operation context. */
  readonly schema: GraphQLSchema;
  /** The supergraph with join directives, for executeQueryPlan. */
  readonly supergraphSchema: GraphQLSchema;
  /** Subgraph name -> routing URL, from the supergraph's join__Graph. */
  readonly subgraphUrls: ReadonlyMap<string, string>;

  constructor(
    coreSupergraphSdl: string,
    /** Increases with every reload, so streams opened on an older schema can be told apart. */
    readonly generation: number,
  ) {
    const supergraph = Supergraph.build(coreSupergraphSdl);
    this.planner = new QueryPlanner(supergraph);
    this.apiSchema = supergraph.apiSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.subgraphUrls = new Map(supergraph.subgraphsMetadata().map(({ name, url }) => [name, url]));
  }
}
