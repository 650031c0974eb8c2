import { FieldResolver, Resolver, Root } from "type-graphql";
import { type DocumentAnalysis as Analysis, SummaryMethod } from "../domain/analysis";
import { DocumentAnalysis } from "./analysis.type";

/** How the summary of an analysis was made; analyses stored before LLM summaries existed are extractive. */
@Resolver(() => DocumentAnalysis)
export class AnalysisSummaryResolver {
  @FieldResolver(() => SummaryMethod, { description: "How `summary` was made: EXTRACTIVE, or LLM when a configured model wrote it." })
  summaryMethod(@Root() analysis: Analysis): SummaryMethod {
    return analysis.summaryMethod ?? SummaryMethod.EXTRACTIVE;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The model that wrote an LLM summary ("openai:gpt-4o-mini"); null for an extractive one.' })
  summaryModel(@Root() analysis: Analysis): string | null {
    return analysis.summaryModel ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Why the configured model's summary is not shown (it failed, so the extractive summary was kept); null otherwise.",
  })
  summaryFallbackReason(@Root() analysis: Analysis): string | null {
    return analysis.summaryFallbackReason ?? null;
  }
}
