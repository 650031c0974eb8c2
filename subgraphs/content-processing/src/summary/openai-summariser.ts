import OpenAI from "openai";
import type { Summariser, SummaryRequest } from "./summariser";

export interface OpenAISummariserOptions {
  apiKey: string;
  model: string;
  /** Default: OpenAI's API; any server speaking its /v1/chat/completions wire format otherwise. */
  baseURL?: string;
  timeoutMs?: number;
  maxRetries?: number;
}

/** About 3,000 tokens of English: enough for the gist, bounded in cost for 1 MiB documents. */
export const MAX_SUMMARY_INPUT_CHARS = 12_000;
const MAX_SUMMARY_CHARS = 1_000;

const INSTRUCTIONS =
  "You summarise documents. Write a summary of at most three sentences that states what the document is about and its main points. " +
  "Write in the document's language. Answer with the summary only: no preamble, no headings, no lists.";

/** A chat model writes the summary (OpenAI's chat completions through the official SDK). */
export class OpenAISummariser implements Summariser {
  readonly name: string;
  private readonly client: OpenAI;
  private readonly model: string;

  constructor(options: OpenAISummariserOptions) {
    this.name = `openai:${options.model}`;
    this.model = options.model;
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs ?? 30_000, maxRetries: options.maxRetries ?? 2 });
  }

  async summarise(request: SummaryRequest): Promise<string> {
    const text = request.text.length > MAX_SUMMARY_INPUT_CHARS ? `${request.text.slice(0, MAX_SUMMARY_INPUT_CHARS)}\n[…]` : request.text;
    const language = request.language === "und" ? "" : ` (language: ${request.language})`;
    const completion = await this.client.chat.completions.create({
      model: this.model,
      temperature: 0.2,
      max_tokens: 300,
      messages: [
        { role: "system", content: INSTRUCTIONS },
        { role: "user", content: `Title: ${request.title}${language}\n\n${text}` },
      ],
    });
    const summary = completion.choices[0]?.message?.content?.trim() ?? "";
    if (summary === "") throw new Error(`the model answered without a summary (finish reason ${completion.choices[0]?.finish_reason ?? "none"})`);
    return summary.length > MAX_SUMMARY_CHARS ? `${summary.slice(0, MAX_SUMMARY_CHARS - 1)}…` : summary;
  }
}
