import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Concept as ConceptRecord } from "../domain/concept";
import { Concept } from "./concept.type";
import type { KnowledgeGraphContext } from "./context";
import { Document } from "./document.type";

/** What this subgraph adds to content-processing's Document. */
@Resolver(() => Document)
export class DocumentResolver {
  @FieldResolver(() => [Concept], { description: "The concepts this document mentions, in name order." })
  concepts(@Root() document: Document, @Ctx() ctx: KnowledgeGraphContext): Promise<ConceptRecord[]> {
    return ctx.loaders.conceptsOfDocument.load(document.id);
  }
}
