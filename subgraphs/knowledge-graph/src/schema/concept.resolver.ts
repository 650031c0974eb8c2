import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Concept as ConceptRecord } from "../domain/concept";
import type { ConceptService, RelatedConcepts } from "../domain/concept.service";
import { decodeConceptCursor, encodeConceptCursor } from "./concept-cursor";
import { ConceptConnection } from "./concept-connection.type";
import { LinkDocumentInput, RelateConceptsInput, UpsertConceptInput } from "./concept.input";
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

  @Query(() => ConceptConnection, { description: "The tenant's concepts in name order, a page at a time." })
  async concepts(
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: "Page size, 1 to 100." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "Continue after this cursor." }) after: string | null,
    @Ctx() ctx: KnowledgeGraphContext,
  ): Promise<ConceptConnection> {
    const page = await this.graph.listConcepts(ctx.identity.tenantId, first ?? DEFAULT_PAGE_SIZE, decodeConceptCursor(after));
    const edges = page.concepts.map((node) => ({ cursor: encodeConceptCursor(node.normalizedName), node }));
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
