import type { PluginAnnotations } from "../plugins/analyzer-plugin.service";

/** How hard a text is to read, from Flesch reading ease and Flesch-Kincaid grade. */
export const ReadingLevel = { BEGINNER: "BEGINNER", INTERMEDIATE: "INTERMEDIATE", ADVANCED: "ADVANCED" } as const;
export type ReadingLevel = (typeof ReadingLevel)[keyof typeof ReadingLevel];

export const SentimentLabel = { POSITIVE: "POSITIVE", NEUTRAL: "NEUTRAL", NEGATIVE: "NEGATIVE" } as const;
export type SentimentLabel = (typeof SentimentLabel)[keyof typeof SentimentLabel];

/** How a document's summary was made. */
export const SummaryMethod = { EXTRACTIVE: "EXTRACTIVE", LLM: "LLM" } as const;
export type SummaryMethod = (typeof SummaryMethod)[keyof typeof SummaryMethod];

export interface ScoredPhrase {
  text: string;
  /** 0..1, the best phrase of the document scores 1. */
  score: number;
}

export interface CandidateConcept {
  /** Lower case, singular head noun: the name the knowledge graph links by. */
  name: string;
  score: number;
}

/** What analysis learns from a document's extracted text. Stored as JSON with the document. */
export interface DocumentAnalysis {
  /** ISO 639-3 code from franc ("eng", "deu", "fra"), "und" when the text is too short to tell. */
  language: string;
  wordCount: number;
  /** Minutes at 200 words a minute, at least 1 for any text. */
  readingTimeMinutes: number;
  readability: { fleschReadingEase: number; fleschKincaidGrade: number; level: ReadingLevel };
  sentiment: { score: number; comparative: number; label: SentimentLabel };
  keyPhrases: ScoredPhrase[];
  candidateConcepts: CandidateConcept[];
  /** The document's most representative sentences in their original order, or a configured LLM's summary. */
  summary: string;
  /** Absent from analyses made before LLM summaries existed: those are EXTRACTIVE. */
  summaryMethod?: SummaryMethod;
  /** The summariser that wrote an LLM summary ("openai:gpt-4o-mini"). */
  summaryModel?: string;
  /** Why the configured summariser's summary is not the one kept (it failed); the extractive one is. */
  summaryFallbackReason?: string;
  /**
   * What the tenant's analyzer plugins returned, and which failed. Absent from analyses
   * made before plugins existed.
   */
  plugins?: PluginAnnotations;
}
