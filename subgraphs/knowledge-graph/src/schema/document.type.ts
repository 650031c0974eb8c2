import { Directive, Field, ID, ObjectType } from "type-graphql";

/*
 * The Document entity is owned by content-processing; this subgraph only knows its id
 * and contributes `concepts` to it (see DocumentResolver). Deliberately without
 * descriptions on the type and its key: the supergraph shows the owner's, and
 * composition reports INCONSISTENT_DESCRIPTION when a stub's text differs from it.
 */
@ObjectType("Document")
@Directive('@key(fields: "id")')
export class Document {
  @Field(() => ID)
  id!: string;
}
