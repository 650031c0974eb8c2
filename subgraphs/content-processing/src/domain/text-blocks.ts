/**
 * A document read as a flat sequence of headings and body blocks (paragraphs, lists,
 * code). Enough structure for chunking; this is not a full Markdown parser.
 */
export type TextBlock = { kind: "heading"; level: number; title: string } | { kind: "body"; text: string };

// Line patterns stay anchored and free of nested or adjacent open-ended repeats: content
// is up to 1 MiB in a request, and a backtracking pattern on a long line would hang it.
const ATX_OPEN = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export interface Fence {
  char: string;
  length: number;
}

/** The fence a line opens (```` ``` ```` or `~~~`, with an optional info string), if any. */
export function openingFence(line: string): Fence | undefined {
  const run = FENCE.exec(line)?.[1];
  return run ? { char: run[0]!, length: run.length } : undefined;
}

/** A fence closes with the same character, at least as many, and nothing else on the line. */
export function closesFence(line: string, fence: Fence): boolean {
  const run = FENCE.exec(line)?.[1];
  return run !== undefined && run[0] === fence.char && run.length >= fence.length && line.trim() === run;
}

/** An ATX heading line (`## Title ##`), without its optional closing run of #s. */
function atxHeading(line: string): { level: number; title: string } | undefined {
  const open = ATX_OPEN.exec(line);
  if (!open) return undefined;
  const title = line.slice(open[0].length).trim();
  let end = title.length;
  while (end > 0 && title[end - 1] === "#") end--;
  const closed = end === 0 || (end < title.length && /[ \t]/.test(title[end - 1]!));
  return { level: open[1]!.length, title: closed ? title.slice(0, end).trim() : title };
}

/** Plain text: paragraphs separated by blank lines, no headings. */
export function plainTextBlocks(text: string): TextBlock[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => ({ kind: "body", text: paragraph }));
}

/**
 * Markdown: ATX and setext headings, paragraphs, and fenced code kept whole (a `#` line
 * inside a fence is code, not a heading, and blank lines there do not split it).
 */
export function markdownBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let lines: string[] = [];
  let fence: Fence | undefined;
  const flush = () => {
    const body = lines.join("\n").replace(/^\n+/, "").trimEnd();
    if (body !== "") blocks.push({ kind: "body", text: body });
    lines = [];
  };

  for (const line of text.split("\n")) {
    if (fence) {
      lines.push(line);
      if (closesFence(line, fence)) {
        fence = undefined;
        flush();
      }
      continue;
    }
    fence = openingFence(line);
    if (fence) {
      flush();
      lines.push(line);
      continue;
    }
    const heading = atxHeading(line);
    if (heading) {
      flush();
      if (heading.title !== "") blocks.push({ kind: "heading", ...heading });
      continue;
    }
    const underline = SETEXT_UNDERLINE.exec(line);
    if (underline && lines.length > 0) {
      const title = lines.map((l) => l.trim()).join(" ");
      lines = [];
      blocks.push({ kind: "heading", level: underline[1]!.startsWith("=") ? 1 : 2, title });
      continue;
    }
    if (line.trim() === "") flush();
    else lines.push(line);
  }
  flush(); // an unclosed fence runs to the end, as in CommonMark
  return blocks;
}
