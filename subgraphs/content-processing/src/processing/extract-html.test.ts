import { extractHtml } from "./extract-html";

const PAGE = `<!DOCTYPE html><html><head><title>Graphs | Site</title></head><body>
<header><nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/shop">Shop</a></nav></header>
<main><article>
<h1>Graph databases</h1>
<p>Graph databases store data as nodes and edges, so relationships are first-class citizens of the model and traversals stay fast as data grows.</p>
<h2>Traversals</h2>
<p>A traversal walks from node to node along edges. Queries that would need many joins in a relational database become short walks in a graph.</p>
<ul><li>Breadth-first search finds shortest paths.</li><li>Depth-first search explores deeply.</li></ul>
</article></main>
<footer><p>Copyright 2025 Example Corp. All rights reserved. Subscribe to our newsletter.</p></footer>
<script>console.log("tracking")</script>
</body></html>`;

describe("extractHtml", () => {
  it("keeps the article's text with its headings and drops navigation, footer and scripts", () => {
    const { title, text } = extractHtml(PAGE);
    expect(title).toBe("Graphs | Site");
    // Readability demotes the article's own h1 to h2 (the page title sits above it).
    expect(text).toMatch(/^## Graph databases\n\nGraph databases store data as nodes and edges/);
    expect(text).toContain("\n\n## Traversals\n\nA traversal walks from node to node");
    expect(text).toContain("Breadth-first search finds shortest paths.\n\nDepth-first search explores deeply.");
    expect(text).not.toMatch(/About us|Copyright|newsletter|tracking/);
  });
});
