// keyword-counter: an example analyzer plugin (ABI v1). For a document it returns
//   { "words": n, "keywords": [{ "term", "count" }...], "capitalised": [{ "term", "count" }...] }
// keywords: the 5 most frequent lower-cased words of 4+ characters that are not stopwords;
// capitalised: the 10 most frequent capitalised words that do not open a sentence.
// Both are ordered by count (descending), then term (ascending), and list terms seen twice
// or more for keywords, once or more for capitalised terms.
import { ABI_VERSION, allocate, packOutput, readInput } from "./abi";
import { isCapitalised, isKeywordCandidate, splitWords } from "./words";

class Count {
  constructor(public term: string, public count: i32) {}
}

function tally(counts: Map<string, i32>, term: string): void {
  counts.set(term, counts.has(term) ? counts.get(term) + 1 : 1);
}

function top(counts: Map<string, i32>, limit: i32, minCount: i32): Count[] {
  const terms = counts.keys();
  const ranked = new Array<Count>();
  for (let i = 0; i < terms.length; i++) {
    const count = counts.get(terms[i]);
    if (count >= minCount) ranked.push(new Count(terms[i], count));
  }
  ranked.sort((a: Count, b: Count): i32 => {
    if (a.count != b.count) return b.count - a.count;
    return a.term < b.term ? -1 : a.term > b.term ? 1 : 0;
  });
  return ranked.slice(0, limit);
}

// Terms hold only word units (letters, digits, apostrophes, non-ASCII), none of which
// JSON requires escaping, so they are written between quotes as they are.
function toJson(counts: Count[]): string {
  const parts = new Array<string>();
  for (let i = 0; i < counts.length; i++) {
    parts.push('{"term":"' + counts[i].term + '","count":' + counts[i].count.toString() + "}");
  }
  return "[" + parts.join(",") + "]";
}

export function abi_version(): i32 {
  return ABI_VERSION;
}

export function alloc(len: i32): usize {
  return allocate(len);
}

export function analyze(ptr: usize, len: i32): u64 {
  const words = splitWords(readInput(ptr, len));
  const keywords = new Map<string, i32>();
  const capitalised = new Map<string, i32>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const lower = word.text.toLowerCase();
    if (isKeywordCandidate(lower)) tally(keywords, lower);
    if (!word.sentenceStart && isCapitalised(word.text)) tally(capitalised, word.text);
  }
  const json =
    '{"words":' + words.length.toString() +
    ',"keywords":' + toJson(top(keywords, 5, 2)) +
    ',"capitalised":' + toJson(top(capitalised, 10, 1)) + "}";
  return packOutput(json);
}
