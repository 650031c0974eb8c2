import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { SearchMode, type SearchService } from "../domain/search.service";
import type { ContentContext } from "./context";
import { DocumentSearchResult } from "./search.type";

@Resolver(() => DocumentSearchResult)
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Query(() => [DocumentSearchResult], { description: "Searches the chunks of your documents; best first. Only your own documents are ever searched." })
  async searchDocuments(
    @Arg("query", () => String, { description: "What to look for, 1 to 1000 characters." }) query: string,
    @Arg("mode", () => SearchMode, { defaultValue: SearchMode.HYBRID, description: "How to match: SEMANTIC, KEYWORD or HYBRID (the default)." }) mode: SearchMode,
    @Arg("first", () => Int, { defaultValue: 10, description: "How many results, 1 to 50." }) first: number,
    @Ctx() ctx: ContentContext,
  ): Promise<DocumentSearchResult[]> {
    const hits = await this.searchService.search(ctx.identity, query, mode, first);
    const documents = await ctx.loaders.document.loadMany(hits.map((h) => h.documentId));
    // A document deleted between the search and this lookup drops out of the results.
    return hits.flatMap((hit, i) => {
      const document = documents[i];
      if (!document || document instanceof Error) return [];
      const { documentId: _documentId, score, highlights, ...chunk } = hit;
      return [{ document, chunk, score, highlights }];
    });
  }
}
