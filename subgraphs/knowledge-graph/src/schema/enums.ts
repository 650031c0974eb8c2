import { registerEnumType } from "type-graphql";
import { CONCEPT_ORDERS, DIFFICULTIES, RELATIONSHIP_TYPES, type ConceptOrder, type Difficulty, type RelationshipType } from "../domain/concept";

/** The domain's string unions as the objects type-graphql registers as GraphQL enums. */
export const DifficultyEnum = Object.fromEntries(DIFFICULTIES.map((value) => [value, value])) as { [K in Difficulty]: K };
export const RelationshipTypeEnum = Object.fromEntries(RELATIONSHIP_TYPES.map((value) => [value, value])) as {
  [K in RelationshipType]: K;
};
export const ConceptOrderEnum = Object.fromEntries(CONCEPT_ORDERS.map((value) => [value, value])) as { [K in ConceptOrder]: K };

registerEnumType(ConceptOrderEnum, {
  name: "ConceptOrder",
  description: "How a list of concepts is ordered.",
  valuesConfig: {
    NAME: { description: "By name, case-insensitively." },
    IMPORTANCE: { description: "Most important first (PageRank); concepts not yet ranked last." },
  },
});

registerEnumType(DifficultyEnum, {
  name: "Difficulty",
  description: "How much a learner must already know to take on a concept.",
  valuesConfig: {
    BEGINNER: { description: "Needs no prior knowledge of the field." },
    INTERMEDIATE: { description: "Builds on the field's basics." },
    ADVANCED: { description: "Needs solid command of the field." },
  },
});

registerEnumType(RelationshipTypeEnum, {
  name: "RelationshipType",
  description: "How one concept bears on another; every relationship reads \"from is <type> to\".",
  valuesConfig: {
    PREREQUISITE: { description: "`from` is learned before `to`. Prerequisites never form a cycle." },
    RELATED: { description: "`from` is related to `to`." },
    PART_OF: { description: "`from` is a part of `to`." },
  },
});
