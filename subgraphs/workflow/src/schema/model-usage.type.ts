import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "One provider+model's calls by the caller's tenant over a period: what the models cost." })
export class ModelUsage {
  @Field(() => String, { description: "The LLM provider (local, openai, anthropic, bedrock)." })
  provider!: string;

  @Field(() => String, { description: "The model id as the provider reported it." })
  model!: string;

  @Field(() => Int, { description: "Completed calls (failed calls are not billed and not counted)." })
  calls!: number;

  @Field(() => Float, { description: "Prompt tokens over all the calls." })
  inputTokens!: number;

  @Field(() => Float, { description: "Completion tokens over all the calls." })
  outputTokens!: number;

  @Field(() => Float, { description: "Cost in US dollars at list prices, to a micro-dollar; 0 for models without a known price." })
  costUsd!: number;

  @Field(() => Int, { description: "Mean latency of a call in milliseconds, rounded." })
  averageLatencyMs!: number;
}
