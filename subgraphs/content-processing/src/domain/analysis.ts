import type { PluginAnnotations } from "../plugins/analyzer-plugin.service";

/** How hard a text is to read, from Flesch reading ease and Flesch-Kincaid grade. */
export const ReadingLevel = { BEGINNER: "BEGINNER", INTERMEDIATE: "INTERMEDIATE", ADVANCED: "ADVANCED" } as const;
export type ReadingLevel = (typeof ReadingLevel)[keyof typeof ReadingLevel];

export const SentimentLabel = { POSITIVE: "POSITIVE", NEUTRAL: "NEUTRAL", NEGATIVE: "NEGATIVE" } as const;
export type SentimentLabel = (typeof SentimentLabel)[keyof typeof SentimentLabel];

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
  /** The document's most representative sentences, in their original order. */
  summary: string;
  /**
   * What the tenant's analyzer plugins returned, and which failed. Absent from analyses
   * made before plugins existed.
   */
  plugins?: PluginAnnotations;
}
