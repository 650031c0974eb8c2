import type { ReferenceResolvers } from "@aiwf/platform";
import type { KnowledgeGraphContext } from "./context";

/**
 * How the gateway turns `{ __typename, id }` representations into objects here.
 * Concepts go through the request's DataLoader (one store query for all of them; null
 * for ids the tenant does not have). A Document needs nothing: its only field here,
 * `concepts`, is resolved from the id.
 */
export const referenceResolvers: ReferenceResolvers = {
  Concept: {
    __resolveReference: (reference: { id: string }, ctx: KnowledgeGraphContext) => ctx.loaders.conceptById.load(reference.id),
  },
  Document: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
