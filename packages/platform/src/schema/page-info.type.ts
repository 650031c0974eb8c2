import { Directive, Field, ObjectType } from "type-graphql";

/*
 * Relay's PageInfo is a value type every subgraph with a connection declares. One class,
 * shared by all of them, keeps the fields and descriptions identical, which composition
 * requires (with @shareable) and Sandbox shows.
 */
@ObjectType({ description: "Where a page sits in a longer list (Relay)." })
@Directive("@shareable")
export class PageInfo {
  @Field(() => Boolean, { description: "More items follow this page." })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor to pass as `after` for the next page; null for an empty page." })
  endCursor!: string | null;
}
