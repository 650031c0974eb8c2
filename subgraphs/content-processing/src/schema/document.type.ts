import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { DocumentAnalysis as Analysis } from "../domain/analysis";
import { DocumentFormat, DocumentStatus } from "../domain/document";
import { DocumentAnalysis } from "./analysis.type";

registerEnumType(DocumentFormat, {
  name: "DocumentFormat",
  description: "What a document's content is. Detected from the content itself; a declared format must agree.",
  valuesConfig: {
    TEXT: { description: "Plain text: paragraphs separated by blank lines." },
    MARKDOWN: { description: "Markdown (CommonMark/GFM): headings, lists, links, code fences." },
    HTML: { description: "An HTML page or fragment: its readable main text is kept, navigation and boilerplate dropped." },
    PDF: { description: "A PDF file (recognised by its %PDF- magic bytes): the text of its pages." },
  },
});

registerEnumType(DocumentStatus, {
  name: "DocumentStatus",
  description: "Where a document is in its processing.",
  valuesConfig: {
    PENDING: { description: "Accepted, waiting to be processed." },
    PROCESSING: { description: "Being extracted, chunked, analysed and embedded." },
    READY: { description: "Processed: text, chunks, analysis and search are available." },
    FAILED: { description: "Processing failed; `failureReason` says why. The source is kept: reprocessDocument tries again." },
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
    description:
      "The extracted readable text (empty until READY): Markdown and plain text as given (Unicode NFC, `\\n` line endings), " +
      "an HTML page's main text with its headings as Markdown headings, a PDF's pages separated by blank lines.",
  })
  text!: string;

  @Field(() => Int, { description: "Words a reader sees (Markdown link targets and markup are not counted); 0 until READY." })
  wordCount!: number;

  @Field(() => String, { nullable: true, description: "Why processing failed, when the status is FAILED." })
  failureReason!: string | null;

  @Field(() => DocumentAnalysis, { nullable: true, description: "Language, difficulty, sentiment, key phrases, candidate concepts and summary; null until READY." })
  analysis!: Analysis | null;

  @Field(() => Int, { description: "How many chunks the document was split into (by headings and paragraphs)." })
  chunkCount!: number;

  @Field(() => Date, { description: "When the document was first ingested." })
  createdAt!: Date;

  @Field(() => Date, { description: "When the document last changed." })
  updatedAt!: Date;
}
