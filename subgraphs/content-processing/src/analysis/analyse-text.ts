import Sentiment from "sentiment";
import { type DocumentAnalysis, SentimentLabel, SummaryMethod } from "../domain/analysis";
import { loadEsm } from "../processing/load-esm";
import { extractPhrases } from "./key-phrases";
import { readingLevelOf } from "./readability";

const { franc } = loadEsm<{ franc(text: string, options?: { minLength?: number; only?: string[] }): string }>("franc");

// franc knows 187 languages; on a paragraph, close minor relatives win by chance (English
// read as Scots). Limiting it to widely written languages keeps short texts right.
const LANGUAGES = [
  "eng", "deu", "fra", "spa", "ita", "por", "nld", "swe", "dan", "nob", "fin", "pol", "ces", "slk", "hun", "ron",
  "rus", "ukr", "bul", "ell", "tur", "arb", "heb", "pes", "hin", "ben", "cmn", "jpn", "kor", "vie", "ind", "tha",
];
const sentiment = new Sentiment();

export const WORDS_PER_MINUTE = 200;
const SUMMARY_SENTENCES = 3;
// AFINN's comparative score is per word: a tenth of a point per word is clearly one-sided.
const SENTIMENT_THRESHOLD = 0.05;

/**
 * Analyses a document's extracted text with well-kept libraries: franc (language),
 * text-readability (Flesch formulas), sentiment (AFINN-165 word scores), wink-nlp
 * (sentences, parts of speech, lemmas for phrases and concepts). Pure and synchronous.
 */
export function analyseText(text: string, wordCount: number): DocumentAnalysis {
  const prose = proseOf(text);
  const phrases = extractPhrases(prose);
  const feeling = sentiment.analyze(prose);
  const label =
    feeling.comparative > SENTIMENT_THRESHOLD ? SentimentLabel.POSITIVE : feeling.comparative < -SENTIMENT_THRESHOLD ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL;
  return {
    language: franc(prose, { minLength: 10, only: LANGUAGES }),
    wordCount,
    readingTimeMinutes: wordCount === 0 ? 0 : Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    readability: readingLevelOf(prose),
    sentiment: { score: feeling.score, comparative: Math.round(feeling.comparative * 1000) / 1000, label },
    keyPhrases: phrases.keyPhrases,
    candidateConcepts: phrases.candidateConcepts,
    summary: summarise(phrases.sentences, phrases.wordWeights),
    summaryMethod: SummaryMethod.EXTRACTIVE,
  };
}

/** Markdown headings and markers are structure, not prose: formulas and models read sentences. */
function proseOf(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s*(#{1,6}\s|```)/.test(line))
    .join("\n")
    .replace(/[*_`>]+/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
}

/**
 * Extractive summary: the sentences carrying the most key-phrase weight per word (long
 * sentences do not win by length alone), at most three, in document order.
 */
function summarise(sentences: string[], weights: Map<string, number>): string {
  const scored = sentences.map((sentence, index) => {
    const words = sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const weight = words.reduce((sum, word) => sum + (weights.get(word) ?? 0), 0);
    return { sentence: sentence.trim(), index, score: words.length < 4 ? 0 : weight / Math.sqrt(words.length) };
  });
  return scored
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, SUMMARY_SENTENCES)
    .sort((a, b) => a.index - b.index)
    .map((s) => s.sentence)
    .join(" ");
}
