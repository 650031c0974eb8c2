import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

// The DOM as linkedom builds it; the repo compiles without the DOM library, so the few
// members used are named here.
interface HtmlElement {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<HtmlElement>;
}
interface HtmlDocument {
  body: HtmlElement | null;
  querySelector(selector: string): HtmlElement | null;
}
const parse = (html: string) => (parseHTML(html) as unknown as { document: HtmlDocument }).document;

const BLOCKS = new Set(["P", "LI", "PRE", "BLOCKQUOTE", "TD", "TH", "DT", "DD", "FIGCAPTION"]);
const HEADING = /^H([1-6])$/;

/**
 * The readable main text of an HTML page, as Markdown-style text: headings become `#`
 * lines so chunking keeps the page's structure, every other block a paragraph.
 * Readability (Firefox's reader view) drops navigation, footers, ads and other
 * boilerplate; a page too short for it to judge falls back to its body.
 */
export function extractHtml(html: string): { title: string | null; text: string } {
  const document = parse(html);
  const title = document.querySelector("title")?.textContent?.trim() || null;
  // Readability mutates the DOM it reads: give it its own copy.
  const article = new Readability(parse(html) as never, { charThreshold: 100 }).parse();
  const root = article?.content ? parse(`<html><body>${article.content}</body></html>`).body : document.body;
  const lines: string[] = [];
  if (root) walk(root, lines);
  return { title: article?.title?.trim() || title, text: lines.join("\n\n") };
}

function walk(element: HtmlElement, lines: string[]): void {
  for (const child of Array.from(element.children)) {
    const tag = child.tagName.toUpperCase();
    if (tag === "SCRIPT" || tag === "STYLE" || tag === "NAV" || tag === "FOOTER" || tag === "HEADER" || tag === "ASIDE") continue;
    const heading = HEADING.exec(tag);
    const text = squash(child.textContent ?? "");
    if (heading) {
      if (text) lines.push(`${"#".repeat(Number(heading[1]))} ${text}`);
    } else if (BLOCKS.has(tag) && !hasBlockChildren(child)) {
      if (text) lines.push(tag === "PRE" ? (child.textContent ?? "").trim() : text);
    } else if (child.children.length > 0) {
      walk(child, lines);
    } else if (text) {
      lines.push(text);
    }
  }
}

function hasBlockChildren(element: HtmlElement): boolean {
  return Array.from(element.children).some((c) => BLOCKS.has(c.tagName.toUpperCase()) || HEADING.test(c.tagName.toUpperCase()));
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();
