import { Field, InputType } from "type-graphql";
import { DocumentFormat } from "../domain/document";

@InputType({ description: "A document to ingest. Rules are checked by the service, which names the offending field." })
export class IngestDocumentInput {
  @Field(() => String, { description: "The document's title, 1 to 300 characters (surrounding whitespace is trimmed)." })
  title!: string;

  @Field(() => String, {
    description:
      "The content as UTF-8 text, at most 1 MiB (PAYLOAD_TOO_LARGE beyond). Plain text or Markdown; binary data is refused. " +
      "The same content ingested again by the tenant returns the document it already has.",
  })
  content!: string;

  @Field(() => DocumentFormat, {
    nullable: true,
    description: "The format you expect. Optional: it is detected from the content, and a disagreeing value is refused.",
  })
  format?: DocumentFormat | null;
}
