import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { RelationshipType } from "../domain/concept";
import type { ConceptService, LearningPath as LearningPathResult, Neighborhood } from "../domain/concept.service";
import type { Community as CommunityResult, GraphMetricsService } from "../domain/graph-metrics.service";
import type { GraphMetricsSummary as Summary } from "../domain/graph-metrics";
import type { KnowledgeGraphContext } from "./context";
import { RelationshipTypeEnum } from "./enums";
import { Community, ConceptNeighborhood, GraphMetricsSummary, LearningPath } from "./graph.type";

/** The graph algorithms: learning paths, neighbourhoods, importance and communities. */
@Resolver()
export class GraphResolver {
  constructor(
    private readonly concepts: ConceptService,
    private readonly metrics: GraphMetricsService,
  ) {}

  @Query(() => LearningPath, { description: "What to study, in order, to reach `toId` from `fromId` (known, with its prerequisites). Unreachable is a result, not an error." })
  learningPath(
    @Arg("fromId", () => ID, { description: "A concept the learner knows." }) fromId: string,
    @Arg("toId", () => ID, { description: "The concept the learner wants to reach." }) toId: string,
    @Ctx() ctx: KnowledgeGraphContext,
  ): Promise<LearningPathResult> {
    return this.concepts.learningPath(ctx.identity.tenantId, fromId, toId);
  }

  @Query(() => ConceptNeighborhood, { description: "A concept with the concepts around it (edges followed either way) and the edges between them, for graph views." })
  conceptNeighborhood(
    @Arg("id", () => ID, { description: "The centre." }) id: string,
    @Arg("depth", () => Int, { defaultValue: 1, description: "How many edges out to go, 0 to 3." }) depth: number,
    @Arg("types", () => [RelationshipTypeEnum], { nullable: true, description: "Only these relationship types (all when omitted)." }) types: RelationshipType[] | null,
    @Ctx() ctx: KnowledgeGraphContext,
  ): Promise<Neighborhood> {
    return this.concepts.neighborhood(ctx.identity.tenantId, id, depth, types);
  }

  @Query(() => [Community], { description: "The tenant's concept communities as last computed, largest first, each with its most important concepts." })
  communities(
    @Arg("top", () => Int, { defaultValue: 5, description: "Top concepts per community, 1 to 100." }) top: number,
    @Ctx() ctx: KnowledgeGraphContext,
  ): Promise<CommunityResult[]> {
    return this.metrics.communities(ctx.identity.tenantId, top);
  }

  @Mutation(() => GraphMetricsSummary, { description: "Recomputes importance (PageRank) and communities (Louvain) of the tenant's graph now. They are also recomputed shortly after every change." })
  async recomputeGraphMetrics(@Ctx() ctx: KnowledgeGraphContext): Promise<Summary> {
    const summary = await this.metrics.recompute(ctx.identity.tenantId);
    ctx.loaders.forgetAll();
    return summary;
  }
}
