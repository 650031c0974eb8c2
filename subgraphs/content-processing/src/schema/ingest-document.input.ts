import { Field, InputType } from "type-graphql";
import { DocumentFormat } from "../domain/document";

@InputType({ description: "A document to ingest: give `content` or `contentBase64`, exactly one. Rules are checked by the service, which names the offending field." })
export class IngestDocumentInput {
  @Field(() => String, { description: "The document's title, 1 to 300 characters (surrounding whitespace is trimmed)." })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The content as UTF-8 text (plain text, Markdown or HTML), at most 1 MiB (PAYLOAD_TOO_LARGE beyond). " +
      "The same content ingested again by the tenant returns the document it already has.",
  })
  content?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The content as base64 (any format, PDF included), at most 1 MiB once decoded. Binary data other than PDF is refused.",
  })
  contentBase64?: string | null;

  @Field(() => DocumentFormat, {
    nullable: true,
    description: "The format you expect. Optional: it is detected from the content (PDF magic bytes, HTML and Markdown structure), and a disagreeing value is refused naming the detected one.",
  })
  format?: DocumentFormat | null;
}
