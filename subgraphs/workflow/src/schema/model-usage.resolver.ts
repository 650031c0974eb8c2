import { badInput } from "@aiwf/platform";
import { Arg, Ctx, GraphQLISODateTime, Query, Resolver } from "type-graphql";
import type { ModelUsageRecorder } from "../ai/usage-recorder";
import type { WorkflowContext } from "./context";
import { ModelUsage } from "./model-usage.type";

/** Thin: the tenant comes from the verified identity; the recorder sums in the database. */
@Resolver(() => ModelUsage)
export class ModelUsageResolver {
  constructor(private readonly usage: ModelUsageRecorder) {}

  @Query(() => [ModelUsage], { description: "The caller's tenant's LLM calls per provider+model, largest cost first." })
  modelUsage(
    @Arg("since", () => GraphQLISODateTime, { nullable: true, description: "Only calls completed at or after this time; default: from the first." }) since: Date | null,
    @Arg("until", () => GraphQLISODateTime, { nullable: true, description: "Only calls completed before this time; default: up to now." }) until: Date | null,
    @Ctx() ctx: WorkflowContext,
  ) {
    if (since && until && until < since) throw badInput("until", "until must not be before since");
    return this.usage.summary(ctx.identity.tenantId, { since: since ?? undefined, until: until ?? undefined });
  }
}
