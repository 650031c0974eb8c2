import { Field, Float, ID, InputType } from "type-graphql";
import type { Difficulty, RelationshipType } from "../domain/concept";
import { DifficultyEnum, RelationshipTypeEnum } from "./enums";

/*
 * Omitted optional fields stay undefined (type-graphql assigns only what was sent), which
 * the domain reads as "keep the stored value"; an explicit null clears it.
 */
@InputType({ description: "A concept to create, or to update when the tenant already has one of that name." })
export class UpsertConceptInput {
  @Field(() => String, { description: "1 to 200 characters; compared case- and space-insensitively to find an existing concept." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the concept is about. Omit to keep the stored one; null clears it." })
  description?: string | null;

  @Field(() => DifficultyEnum, { nullable: true, description: "How demanding the concept is. Omit to keep; null clears it." })
  difficulty?: Difficulty | null;

  @Field(() => [String], { nullable: true, description: "Replaces the tags (at most 20, 1 to 50 characters each). Omit to keep them." })
  tags?: string[] | null;
}

@InputType({ description: "A relationship to create, or whose weight to update: `from` is <type> `to`." })
export class RelateConceptsInput {
  @Field(() => ID, { description: "The concept the relationship starts from." })
  from!: string;

  @Field(() => ID, { description: "The concept the relationship points to; must differ from `from`." })
  to!: string;

  @Field(() => RelationshipTypeEnum, { description: "How `from` bears on `to`." })
  type!: RelationshipType;

  @Field(() => Float, { defaultValue: 1, description: "Strength, greater than 0 and at most 1." })
  weight!: number;
}

@InputType({ description: "Records that a document mentions a concept." })
export class LinkDocumentInput {
  @Field(() => ID, { description: "The document's id (a Document of the content-processing subgraph)." })
  documentId!: string;

  @Field(() => ID, { description: "The concept the document mentions." })
  conceptId!: string;

  @Field(() => Float, { defaultValue: 1, description: "How central the concept is to the document, greater than 0 and at most 1." })
  weight!: number;
}

@InputType({ description: "The relationship to remove: `from` is <type> `to`." })
export class RemoveRelationshipInput {
  @Field(() => ID, { description: "The concept the relationship starts from." })
  from!: string;

  @Field(() => ID, { description: "The concept the relationship points to." })
  to!: string;

  @Field(() => RelationshipTypeEnum, { description: "The relationship's type." })
  type!: RelationshipType;
}
