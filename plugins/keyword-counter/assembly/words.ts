// Splitting text into words without Unicode tables: a word is a run of ASCII letters,
// digits, apostrophes inside a word, and any non-ASCII code unit (so "Zürich" and
// "naïve" stay whole). Sentence starts are tracked so that a capital letter that only
// opens a sentence does not count as a capitalised term.

export class Word {
  constructor(
    public text: string,
    /** The first word of the text, or the first after `.`, `!` or `?`. */
    public sentenceStart: bool,
  ) {}
}

function isWordUnit(c: i32): bool {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0x80;
}

function isSentenceEnd(c: i32): bool {
  return c == 0x2e || c == 0x21 || c == 0x3f;
}

export function splitWords(text: string): Word[] {
  const words = new Array<Word>();
  let start = -1;
  let sentenceStart = true;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x20;
    // An apostrophe between two word units belongs to the word (don't, O'Neil).
    const inner = c == 0x27 && start >= 0 && i + 1 < n && isWordUnit(text.charCodeAt(i + 1));
    if (isWordUnit(c) || inner) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      words.push(new Word(text.substring(start, i), sentenceStart));
      sentenceStart = false;
      start = -1;
    }
    if (isSentenceEnd(c)) sentenceStart = true;
  }
  return words;
}

/** Starts with an upper-case letter: ASCII A-Z or Latin-1 À-Þ (but not ×). */
export function isCapitalised(word: string): bool {
  const c = word.charCodeAt(0);
  return (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c != 0xd7);
}

/** Words too common to be keywords. */
const STOPWORDS: string[] = [
  "about", "also", "because", "been", "from", "have", "into", "more", "most", "much", "only",
  "over", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they",
  "this", "very", "what", "when", "which", "while", "will", "with", "would", "your",
];

/** A keyword candidate: four letters or more and not a stopword (compared lower-case). */
export function isKeywordCandidate(lower: string): bool {
  return lower.length >= 4 && !STOPWORDS.includes(lower);
}
