import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DocumentFormat, DocumentStatus } from "../domain/document";

registerEnumType(DocumentFormat, {
  name: "DocumentFormat",
  description: "What a document's content is. Detected from the content itself; a declared format must agree.",
  valuesConfig: {
    TEXT: { description: "Plain text: paragraphs separated by blank lines." },
    MARKDOWN: { description: "Markdown (CommonMark/GFM): headings, lists, links, code fences." },
    HTML: { description: "An HTML document. Not processed yet." },
    PDF: { description: "A PDF file. Not processed yet." },
  },
});

registerEnumType(DocumentStatus, {
  name: "DocumentStatus",
  description: "Where a document is in its processing.",
  valuesConfig: {
    PENDING: { description: "Accepted, waiting to be processed." },
    PROCESSING: { description: "Being parsed, chunked and analysed." },
    READY: { description: "Processed: text, word count and chunks are available." },
    FAILED: { description: "Processing failed; the document keeps its content." },
  },
});

@ObjectType({ description: "A document ingested by a tenant: its text, split into chunks for search and analysis." })
@Directive('@key(fields: "id")')
export class Document {
  @Field(() => ID, { description: "The document's id (a UUID)." })
  id!: string;

  @Field(() => String, { description: "The title given at ingest (1 to 300 characters)." })
  title!: string;

  @Field(() => DocumentFormat, { description: "The format detected from the content." })
  format!: DocumentFormat;

  @Field(() => DocumentStatus, { description: "Where the document is in its processing." })
  status!: DocumentStatus;

  @Field(() => String, {
    description: "The content as stored: Unicode NFC, `\\n` line endings, without leading blank lines or trailing whitespace.",
  })
  text!: string;

  @Field(() => Int, { description: "Words a reader sees (Markdown link targets and markup are not counted)." })
  wordCount!: number;

  @Field(() => Int, { description: "How many chunks the document was split into (by headings and paragraphs)." })
  chunkCount!: number;

  @Field(() => Date, { description: "When the document was first ingested." })
  createdAt!: Date;

  @Field(() => Date, { description: "When the document last changed." })
  updatedAt!: Date;
}
