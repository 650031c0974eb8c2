import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A structural piece of a document: paragraphs under one heading path, the unit of search." })
export class DocumentChunk {
  @Field(() => Int, { description: "0-based position in the document." })
  ordinal!: number;

  @Field(() => String, { description: "The chunk's text." })
  text!: string;

  @Field(() => [String], { description: 'The headings above the chunk, outermost first ("Page 2" for a PDF page).' })
  headingPath!: string[];
}
