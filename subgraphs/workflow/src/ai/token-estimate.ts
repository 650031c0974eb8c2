/**
 * Token counts for text no tokenizer has seen (the local provider, and cost estimates
 * before a call). OpenAI's published rule of thumb: one token is about four characters
 * of English text. Counting characters, not bytes or words, keeps it stable across
 * languages and whitespace; it is an approximation, never billed.
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}
