import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { DocumentService } from "../domain/document.service";
import { DEFAULT_PAGE_SIZE } from "../domain/pagination";
import type { ContentContext } from "./context";
import { DocumentConnection } from "./document-connection.type";
import { Document } from "./document.type";
import { IngestDocumentInput } from "./ingest-document.input";

@Resolver(() => Document)
export class DocumentResolver {
  constructor(private readonly documentService: DocumentService) {}

  @Query(() => Document, { nullable: true, description: "One of your documents by id; null when you have none with that id." })
  document(@Arg("id", () => ID, { description: "The document's id." }) id: string, @Ctx() ctx: ContentContext): Promise<Document | null> {
    return ctx.loaders.document.load(id);
  }

  @Query(() => DocumentConnection, { description: "Your documents, newest first, a page at a time." })
  async documents(
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: "Page size, 0 to 100." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "Continue after this cursor (a `pageInfo.endCursor`)." }) after: string | null,
    @Ctx() ctx: ContentContext,
  ): Promise<DocumentConnection> {
    const page = await this.documentService.list(ctx.identity, first, after);
    return { edges: page.edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }, totalCount: page.totalCount };
  }

  @Mutation(() => Document, {
    description:
      "Ingests a document: validates it, detects its format, counts its words and chunks it by headings and paragraphs. " +
      "Processing is synchronous for now, so the document is READY on return. Ingesting content you already have returns that document.",
  })
  ingestDocument(@Arg("input", () => IngestDocumentInput, { description: "The document to ingest." }) input: IngestDocumentInput, @Ctx() ctx: ContentContext): Promise<Document> {
    return this.documentService.ingest(ctx.identity, input);
  }
}
