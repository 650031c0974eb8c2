import { ReadingLevel } from "../domain/analysis";
import { loadEsm } from "../processing/load-esm";

interface TextReadability {
  fleschReadingEase(text: string): number;
  fleschKincaidGrade(text: string): number;
}

// text-readability is ESM-only (and extends Math with two helpers when it loads).
const readability = loadEsm<{ default: TextReadability }>("text-readability").default;

/**
 * Flesch reading ease (higher is easier; 60-70 is plain English) and Flesch-Kincaid grade
 * (US school grade), mapped to a level: BEGINNER up to grade 8 with ease at least 60,
 * ADVANCED above grade 12 or below ease 30, INTERMEDIATE between. The formulas are
 * calibrated on English; other languages get the numbers with that caveat.
 */
export function readingLevelOf(text: string): { fleschReadingEase: number; fleschKincaidGrade: number; level: ReadingLevel } {
  const fleschReadingEase = readability.fleschReadingEase(text);
  const fleschKincaidGrade = readability.fleschKincaidGrade(text);
  return { fleschReadingEase, fleschKincaidGrade, level: levelFor(fleschReadingEase, fleschKincaidGrade) };
}

export function levelFor(ease: number, grade: number): ReadingLevel {
  if (grade > 12 || ease < 30) return ReadingLevel.ADVANCED;
  if (grade <= 8 && ease >= 60) return ReadingLevel.BEGINNER;
  return ReadingLevel.INTERMEDIATE;
}
