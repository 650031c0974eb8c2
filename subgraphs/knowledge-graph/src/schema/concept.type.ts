import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import type { Difficulty } from "../domain/concept";
import { DifficultyEnum } from "./enums";

/** Resolvers return domain Concepts; this class only describes them to GraphQL. */
@ObjectType({ description: "A concept of a tenant's knowledge graph, unique per tenant by its name." })
@Directive('@key(fields: "id")')
export class Concept {
  @Field(() => ID, { description: "Stable id of the concept." })
  id!: string;

  @Field(() => String, { description: "The concept's name as last written (names compare case- and space-insensitively)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the concept is about." })
  description!: string | null;

  @Field(() => DifficultyEnum, { nullable: true, description: "How demanding the concept is; null when not assessed." })
  difficulty!: Difficulty | null;

  @Field(() => [String], { description: "Free-form labels, sorted, without duplicates." })
  tags!: string[];

  @Field(() => Float, { nullable: true, description: "PageRank importance within the tenant's graph (all concepts sum to 1); null until first computed after the concept was created." })
  importance!: number | null;

  @Field(() => Int, { nullable: true, description: "The community (Louvain) the concept belongs to, 0 being the largest; null until first computed." })
  community!: number | null;
}
