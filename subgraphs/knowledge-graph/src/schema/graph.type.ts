import { Field, Float, GraphQLISODateTime, Int, ObjectType } from "type-graphql";
import { Concept } from "./concept.type";
import { Relationship } from "./relationship.type";

@ObjectType({ description: "What a learner should study, in order, to reach a concept from one they know." })
export class LearningPath {
  @Field(() => Boolean, { description: "False when nothing leads from the known concept to the target; `concepts` is then empty." })
  reachable!: boolean;

  @Field(() => [Concept], {
    description:
      "The concepts to study, in order: the cheapest route's concepts and every prerequisite of them not already known, each after all of its prerequisites. Excludes the known concept.",
  })
  concepts!: Concept[];

  @Field(() => Float, { nullable: true, description: "Sum over the studied concepts of 1/weight of the edge that brings each in (strong edges are cheap); null when unreachable." })
  totalCost!: number | null;
}

@ObjectType({ description: "A concept of a neighbourhood, with its distance from the centre." })
export class NeighborhoodNode {
  @Field(() => Concept, { description: "The concept." })
  concept!: Concept;

  @Field(() => Int, { description: "Edges between it and the centre (0 for the centre)." })
  depth!: number;
}

@ObjectType({ description: "The concepts around one concept and the edges between them, for graph views." })
export class ConceptNeighborhood {
  @Field(() => [NeighborhoodNode], { description: "The centre and the concepts within the depth asked." })
  nodes!: NeighborhoodNode[];

  @Field(() => [Relationship], { description: "The relationships (of the types asked) between those concepts." })
  edges!: Relationship[];

  @Field(() => Boolean, { description: "True when the walk stopped at 500 concepts before reaching the depth asked." })
  truncated!: boolean;
}

@ObjectType({ description: "A group of tightly connected concepts found by community detection (Louvain)." })
export class Community {
  @Field(() => Int, { description: "The community's number, as in `Concept.community`; 0 is the largest." })
  community!: number;

  @Field(() => Int, { description: "How many concepts belong to it." })
  size!: number;

  @Field(() => [Concept], { description: "Its most important concepts, most important first." })
  topConcepts!: Concept[];
}

@ObjectType({ description: "The outcome of recomputing importance and communities of the tenant's graph." })
export class GraphMetricsSummary {
  @Field(() => Int, { description: "Concepts ranked." })
  conceptCount!: number;

  @Field(() => Int, { description: "Relationships taken into account." })
  relationshipCount!: number;

  @Field(() => Int, { description: "Communities found." })
  communityCount!: number;

  @Field(() => Float, { description: "Modularity of the communities found (higher is a clearer partition; 0 without edges)." })
  modularity!: number;

  @Field(() => GraphQLISODateTime, { description: "When the computation finished." })
  computedAt!: Date;

  @Field(() => Float, { description: "How long the computation took, in milliseconds." })
  durationMs!: number;
}
