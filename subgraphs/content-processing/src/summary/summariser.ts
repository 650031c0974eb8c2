import { SummaryMethod } from "../domain/analysis";

/** What a summariser reads: the extracted text with what it knows about it. */
export interface SummaryRequest {
  title: string;
  text: string;
  /** ISO 639-3 code from the analysis ("und" when unknown): the summary is written in it. */
  language: string;
}

/** Writes a short abstractive summary of a document. Throws when it cannot. */
export interface Summariser {
  /** Recorded with the summary ("openai:gpt-4o-mini"). */
  readonly name: string;
  summarise(request: SummaryRequest): Promise<string>;
}

export interface ChosenSummary {
  summary: string;
  summaryMethod: SummaryMethod;
  /** The summariser that wrote it, when an LLM did. */
  summaryModel?: string;
  /** Why the configured summariser's summary is not the one kept (it failed); absent otherwise. */
  summaryFallbackReason?: string;
}

/**
 * The configured summariser's summary, or the extractive one when none is configured or
 * it fails: a summary is a nicety, and a model being down must never fail a document.
 */
export async function chooseSummary(extractive: string, request: SummaryRequest, summariser?: Summariser): Promise<ChosenSummary> {
  if (!summariser) return { summary: extractive, summaryMethod: SummaryMethod.EXTRACTIVE };
  try {
    const written = (await summariser.summarise(request)).trim();
    if (written === "") throw new Error("the model returned an empty summary");
    return { summary: written, summaryMethod: SummaryMethod.LLM, summaryModel: summariser.name };
  } catch (error) {
    const reason = `${summariser.name} failed: ${error instanceof Error ? error.message : String(error)}`;
    return { summary: extractive, summaryMethod: SummaryMethod.EXTRACTIVE, summaryFallbackReason: reason.slice(0, 500) };
  }
}
