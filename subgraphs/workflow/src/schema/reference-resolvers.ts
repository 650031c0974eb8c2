import type { ReferenceResolvers } from "@aiwf/platform";
import type { WorkflowContext } from "./context";

/**
 * How the gateway turns `{ __typename: "Workflow", id }` representations into workflows:
 * through the request's DataLoader (one query for all of them), null for ids the caller's
 * tenant does not have.
 */
export const referenceResolvers: ReferenceResolvers = {
  Workflow: {
    __resolveReference: (reference: { id: string }, ctx: WorkflowContext) => ctx.loaders.workflowById.load(reference.id),
  },
};
