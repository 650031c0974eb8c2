import winkNLP, { type ItemToken, type ItsFunction } from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { CandidateConcept, ScoredPhrase } from "../domain/analysis";

// One pipeline for the process: loading the model is the expensive part.
const nlp = winkNLP(model, ["sbd", "pos", "negation"]);
const its = nlp.its;

const NOUN = new Set(["NOUN", "PROPN"]);
const MODIFIER = new Set(["ADJ", "NOUN", "PROPN"]);
const MAX_WORDS = 3;

export interface Phrases {
  keyPhrases: ScoredPhrase[];
  candidateConcepts: CandidateConcept[];
  /** Sentences of the text, for the extractive summary. */
  sentences: string[];
  /** Score of each phrase's words, for the summary. */
  wordWeights: Map<string, number>;
}

interface PhraseStats {
  /** The first surface form seen ("Graph databases"), lower-cased. */
  text: string;
  score: number;
  occurrences: number;
}

/**
 * Key phrases as noun phrases (adjectives and nouns ending in a noun, up to three words)
 * tagged by wink-nlp's part-of-speech model, grouped by their singular form ("graph
 * database" and "graph databases" are one phrase). A phrase scores by how often it
 * occurs, weighted up for length (a two-word term says more than either word) and for
 * appearing early; scores are scaled so the best phrase is 1. Candidate concepts are the
 * phrases a knowledge graph can link: multi-word terms, or single nouns seen twice.
 */
export function extractPhrases(text: string, limit = 10): Phrases {
  const doc = nlp.readDoc(text);
  const phrases = new Map<string, PhraseStats>();
  let run: ItemToken[] = [];
  let position = 0;
  const tokenCount = Math.max(1, doc.tokens().length());

  const flush = () => {
    while (run.length > 0 && !NOUN.has(run[run.length - 1]!.out(its.pos))) run.pop();
    const words = run.slice(-MAX_WORDS);
    run = [];
    if (words.length === 0) return;
    const surface = words.map((t) => t.out(its.normal)).join(" ");
    if (surface.length < 3) return;
    const name = [...words.slice(0, -1).map((t) => t.out(its.normal)), singular(words[words.length - 1]!)].join(" ");
    const weight = (1 + 0.5 * (words.length - 1)) * (1 + 0.5 * (1 - position / tokenCount));
    const stats = phrases.get(name) ?? { text: surface, score: 0, occurrences: 0 };
    stats.score += weight;
    stats.occurrences += 1;
    phrases.set(name, stats);
  };

  doc.tokens().each((token: ItemToken) => {
    position += 1;
    const usable = token.out(its.type) === "word" && !token.out(its.stopWordFlag) && MODIFIER.has(token.out(its.pos));
    if (usable) run.push(token);
    else flush();
  });
  flush();

  const all = [...phrases];
  const keyPhrases = ranked(all.map(([, p]) => [p.text, p.score] as const), limit).map(([text, score]) => ({ text, score }));
  const linkable = all.filter(([name, p]) => name.includes(" ") || p.occurrences >= 2);
  const candidateConcepts = ranked(linkable.map(([name, p]) => [name, p.score] as const), limit).map(([name, score]) => ({ name, score }));
  const wordWeights = new Map<string, number>();
  for (const { text: phrase, score } of keyPhrases) for (const word of phrase.split(" ")) wordWeights.set(word, Math.max(wordWeights.get(word) ?? 0, score));
  return { keyPhrases, candidateConcepts, sentences: doc.sentences().out(), wordWeights };
}

/** The lemma when it is a regular singular ("nodes" -> "node"); irregular lemmas ("data" -> "datum") read oddly as names. */
function singular(token: ItemToken): string {
  const normal = token.out(its.normal);
  // The lite model computes lemmas itself; its typings expect the full model's add-on signature.
  const lemma = token.out(its.lemma as unknown as ItsFunction<string>);
  return normal.startsWith(lemma) ? lemma : normal;
}

/** Best first (ties by name, for stable output), scaled so the best is 1, rounded to 3 places. */
function ranked(entries: ReadonlyArray<readonly [string, number]>, limit: number): Array<[string, number]> {
  const sorted = [...entries].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
  const best = sorted[0]?.[1] ?? 1;
  return sorted.map(([name, score]) => [name, Math.round((score / best) * 1000) / 1000]);
}
