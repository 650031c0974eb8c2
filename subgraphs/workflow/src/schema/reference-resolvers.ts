import type { ReferenceResolvers } from "@aiwf/platform";
import type { WorkflowContext } from "./context";

/**
 * How the gateway turns `{ __typename, id }` representations into workflows and runs:
 * through the request's DataLoaders (one query per type), null for ids the caller's tenant
 * does not have.
 */
export const referenceResolvers: ReferenceResolvers = {
  Workflow: {
    __resolveReference: (reference: { id: string }, ctx: WorkflowContext) => ctx.loaders.workflowById.load(reference.id),
  },
  WorkflowRun: {
    __resolveReference: (reference: { id: string }, ctx: WorkflowContext) => ctx.loaders.runById.load(reference.id),
  },
};
