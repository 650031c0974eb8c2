import { Field, Float, ObjectType } from "type-graphql";
import type { RelationshipType } from "../domain/concept";
import { Concept } from "./concept.type";
import { RelationshipTypeEnum } from "./enums";

@ObjectType({ description: "A typed, weighted, directed relationship: `from` is <type> `to`." })
export class Relationship {
  @Field(() => Concept, { description: "The concept the relationship starts from." })
  from!: Concept;

  @Field(() => Concept, { description: "The concept the relationship points to." })
  to!: Concept;

  @Field(() => RelationshipTypeEnum, { description: "How `from` bears on `to`." })
  type!: RelationshipType;

  @Field(() => Float, { description: "Strength of the relationship, greater than 0 and at most 1." })
  weight!: number;
}
