import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { SearchMode } from "../domain/search.service";
import { DocumentChunk } from "./document-chunk.type";
import { Document } from "./document.type";

registerEnumType(SearchMode, {
  name: "SearchMode",
  description: "How searchDocuments matches the query.",
  valuesConfig: {
    SEMANTIC: { description: "By meaning: nearest chunk embeddings (cosine similarity, HNSW index)." },
    KEYWORD: { description: "By words: Postgres full-text search (English stemming, web-search syntax: quotes, OR, -word)." },
    HYBRID: { description: "Both, fused by reciprocal rank: chunks both searches rank high come first." },
  },
});

@ObjectType({ description: "A chunk that matched a search, with its document." })
export class DocumentSearchResult {
  @Field(() => Document, { description: "The document the chunk belongs to." })
  document!: Document;

  @Field(() => DocumentChunk, { description: "The matching chunk." })
  chunk!: DocumentChunk;

  @Field(() => Float, {
    description: "Higher is better. SEMANTIC: cosine similarity (-1 to 1); KEYWORD: ts_rank_cd; HYBRID: reciprocal rank fusion score.",
  })
  score!: number;

  @Field(() => [String], { description: "Fragments of the chunk with the query's words marked <b>…</b>; empty when no word matches literally." })
  highlights!: string[];
}

@ObjectType({ description: "Another document of yours and how close it is." })
export class SimilarDocument {
  @Field(() => Document, { description: "The similar document." })
  document!: Document;

  @Field(() => Float, { description: "Cosine similarity of the two documents' mean chunk embeddings (-1 to 1)." })
  score!: number;
}
