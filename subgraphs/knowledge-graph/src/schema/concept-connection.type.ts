import { PageInfo } from "@aiwf/platform";
import { Field, Int, ObjectType } from "type-graphql";
import { Concept } from "./concept.type";

@ObjectType({ description: "A concept and its cursor in a list of concepts." })
export class ConceptEdge {
  @Field(() => String, { description: "Opaque cursor; pass it as `after` to continue after this concept." })
  cursor!: string;

  @Field(() => Concept, { description: "The concept." })
  node!: Concept;
}

@ObjectType({ description: "A page of a tenant's concepts in name order (Relay connection)." })
export class ConceptConnection {
  @Field(() => [ConceptEdge], { description: "The concepts of this page, in name order." })
  edges!: ConceptEdge[];

  @Field(() => PageInfo, { description: "Whether more concepts follow, and the cursor to fetch them." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "Concepts of the tenant, across all pages." })
  totalCount!: number;
}
