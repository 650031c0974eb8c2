import { DocumentFormat } from "./document";

// A word: letters or digits, joined by inner apostrophes or hyphens ("don't", "well-known").
// Scripts written without spaces (Chinese, Japanese) count one word per run: a known limit.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

// Markdown syntax that is not prose: link and image targets, autolinks, HTML tags. No
// repeat crosses the character that opens the next match, so matching stays linear.
const MARKUP = [
  [/(!?\[[^[\]\n]*\])\([^()\n]*\)/g, "$1"],
  [/<(?:https?|mailto):[^<>\s]+>/g, " "],
  [/<\/?[A-Za-z][^<>\n]*>/g, " "],
] as const;

/** Words a reader sees: Markdown markup is left out of the count. */
export function countWords(text: string, format: DocumentFormat): number {
  const prose = format === DocumentFormat.MARKDOWN ? MARKUP.reduce((t, [pattern, by]) => t.replace(pattern, by), text) : text;
  return prose.match(WORD)?.length ?? 0;
}
