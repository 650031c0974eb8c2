import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Concept as ConceptRecord, ConceptOrder } from "../domain/concept";
import type { ConceptService, RelatedConcepts } from "../domain/concept.service";
import { decodeConceptCursor, decodeImportanceCursor, encodeConceptCursor, encodeImportanceCursor } from "./concept-cursor";
import { ConceptConnection } from "./concept-connection.type";
import { LinkDocumentInput, RelateConceptsInput, RemoveRelationshipInput, UpsertConceptInput } from "./concept.input";
import { ConceptOrderEnum } from "./enums";
import { Concept } from "./concept.type";
import type { KnowledgeGraphContext } from "./context";
import { Document } from "./document.type";
import { Relationship } from "./relationship.type";

const DEFAULT_PAGE_SIZE = 20;

@Resolver(() => Concept)
export class ConceptResolver {
  constructor(private readonly graph: ConceptService) {}

  @Query(() => Concept, { nullable: true, description: "A concept by id; null when the tenant has none with that id." })
  concept(@Arg("id", () => ID) id: string, @Ctx() ctx: KnowledgeGraphContext): Promise<ConceptRecord | null> {
    return ctx.loaders.conceptById.load(id);
  }

  @Query(() => ConceptConnection, { description: "The tenant's concepts, a page at a time: by name, or most important first; optionally only those whose name contains `search`." })
  async concepts(
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: "Page size, 1 to 100." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "Continue after this cursor (from the same order)." }) after: string | null,
    @Arg("search", () => String, { nullable: true, description: "Only concepts whose name contains this text (case- and space-insensitive)." }) search: string | null,
    @Arg("orderBy", () => ConceptOrderEnum, { nullable: true, defaultValue: "NAME", description: "NAME (default) or IMPORTANCE." }) orderBy: ConceptOrder | null,
    @Ctx() ctx: KnowledgeGraphContext,
  ): Promise<ConceptConnection> {
    const size = first ?? DEFAULT_PAGE_SIZE;
    const byImportance = orderBy === "IMPORTANCE";
    const offset = byImportance ? decodeImportanceCursor(after) : 0;
    const page = await this.graph.findConcepts(ctx.identity.tenantId, {
      first: size,
      search,
      orderBy,
      ...(byImportance ? { offset } : { after: decodeConceptCursor(after) }),
    });
    const edges = page.concepts.map((node, index) => ({
      cursor: byImportance ? encodeImportanceCursor(offset + index + 1) : encodeConceptCursor(node.normalizedName),
      node,
    }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  }

  @Mutation(() => Concept, { description: "Creates a concept, or updates the one with the same name (compared case- and space-insensitively)." })
  async upsertConcept(@Arg("input", () => UpsertConceptInput) input: UpsertConceptInput, @Ctx() ctx: KnowledgeGraphContext): Promise<ConceptRecord> {
    const concept = await this.graph.upsertConcept(ctx.identity.tenantId, input);
    ctx.loaders.forgetAll();
    return concept;
  }

  @Mutation(() => Relationship, { description: "Relates two concepts, or updates the weight of that relationship. A prerequisite that would close a cycle is refused." })
  async relateConcepts(@Arg("input", () => RelateConceptsInput) input: RelateConceptsInput, @Ctx() ctx: KnowledgeGraphContext): Promise<RelatedConcepts> {
    const relationship = await this.graph.relate(ctx.identity.tenantId, input);
    ctx.loaders.forgetAll();
    return relationship;
  }

  @Mutation(() => Concept, { description: "Records that a document mentions a concept (again: updates the weight); returns the concept." })
  async linkDocumentToConcept(@Arg("input", () => LinkDocumentInput) input: LinkDocumentInput, @Ctx() ctx: KnowledgeGraphContext): Promise<ConceptRecord> {
    const concept = await this.graph.linkDocument(ctx.identity.tenantId, input);
    ctx.loaders.forgetAll();
    return concept;
  }

  @Mutation(() => Boolean, { description: "Removes a relationship; false when there was none." })
  async removeRelationship(@Arg("input", () => RemoveRelationshipInput) input: RemoveRelationshipInput, @Ctx() ctx: KnowledgeGraphContext): Promise<boolean> {
    const removed = await this.graph.removeRelationship(ctx.identity.tenantId, input);
    ctx.loaders.forgetAll();
    return removed;
  }

  @Mutation(() => Concept, {
    description:
      "Merges one concept into another: its relationships and document links move to the kept concept (where both had one, the larger weight stays). The merged id then resolves to nothing (null), and its name is free again.",
  })
  async mergeConcepts(
    @Arg("keepId", () => ID, { description: "The concept that stays." }) keepId: string,
    @Arg("mergeId", () => ID, { description: "The concept folded into it and then deleted." }) mergeId: string,
    @Ctx() ctx: KnowledgeGraphContext,
  ): Promise<ConceptRecord> {
    const kept = await this.graph.mergeConcepts(ctx.identity.tenantId, keepId, mergeId);
    ctx.loaders.forgetAll();
    return kept;
  }

  @FieldResolver(() => [Concept], { description: "The concepts to learn before this one, in name order." })
  prerequisites(@Root() concept: ConceptRecord, @Ctx() ctx: KnowledgeGraphContext): Promise<ConceptRecord[]> {
    return ctx.loaders.prerequisitesOf.load(concept.id);
  }

  @FieldResolver(() => [Document], { description: "The documents that mention this concept (resolved by content-processing)." })
  async documents(@Root() concept: ConceptRecord, @Ctx() ctx: KnowledgeGraphContext): Promise<Document[]> {
    const ids = await ctx.loaders.documentsOf.load(concept.id);
    return ids.map((id) => ({ id }));
  }
}
