import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Document as DocumentModel } from "../domain/document";
import type { DocumentService } from "../domain/document.service";
import { DEFAULT_PAGE_SIZE } from "../domain/pagination";
import type { SearchService } from "../domain/search.service";
import type { ContentContext } from "./context";
import { DocumentChunk } from "./document-chunk.type";
import { DocumentConnection } from "./document-connection.type";
import { Document } from "./document.type";
import { IngestDocumentInput } from "./ingest-document.input";
import { SimilarDocument } from "./search.type";

@Resolver(() => Document)
export class DocumentResolver {
  constructor(
    private readonly documentService: DocumentService,
    private readonly searchService: SearchService,
  ) {}

  @Query(() => Document, { nullable: true, description: "One of your documents by id; null when you have none with that id." })
  document(@Arg("id", () => ID, { description: "The document's id." }) id: string, @Ctx() ctx: ContentContext): Promise<DocumentModel | null> {
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
      "Ingests a document: validates it and detects its format, stores it PENDING and returns at once. Processing (extraction, chunking, " +
      "analysis, embeddings) runs in the background: poll `status` until READY or FAILED. Ingesting content you already have returns that document.",
  })
  ingestDocument(@Arg("input", () => IngestDocumentInput, { description: "The document to ingest." }) input: IngestDocumentInput, @Ctx() ctx: ContentContext): Promise<DocumentModel> {
    return this.documentService.ingest(ctx.identity, input);
  }

  @Mutation(() => Document, { description: "Processes one of your documents again from its stored content (after a failure, for instance); it is PENDING on return." })
  reprocessDocument(@Arg("id", () => ID, { description: "The document's id." }) id: string, @Ctx() ctx: ContentContext): Promise<DocumentModel> {
    return this.documentService.reprocess(ctx.identity, id);
  }

  @Mutation(() => ID, { description: "Deletes one of your documents with its chunks and embeddings; returns its id. NOT_FOUND when you have none with that id." })
  async deleteDocument(@Arg("id", () => ID, { description: "The document's id." }) id: string, @Ctx() ctx: ContentContext): Promise<string> {
    await this.documentService.delete(ctx.identity, id);
    return id;
  }

  @FieldResolver(() => [DocumentChunk], { description: "The document's chunks in order (empty until READY)." })
  chunks(@Root() document: DocumentModel, @Ctx() ctx: ContentContext): Promise<DocumentChunk[]> {
    return this.documentService.chunksOf(ctx.identity, document.id);
  }

  @FieldResolver(() => [SimilarDocument], { description: "Your other documents closest in meaning to this one, most similar first." })
  async similar(
    @Root() document: DocumentModel,
    @Arg("first", () => Int, { defaultValue: 5, description: "How many, 0 to 50." }) first: number,
    @Ctx() ctx: ContentContext,
  ): Promise<SimilarDocument[]> {
    const similar = await this.searchService.similar(ctx.identity, document.id, first);
    const documents = await ctx.loaders.document.loadMany(similar.map((s) => s.documentId));
    return similar.flatMap((s, i) => {
      const found = documents[i];
      return found && !(found instanceof Error) ? [{ document: found, score: s.score }] : [];
    });
  }
}
