import { isDomainError } from "@aiwf/platform";
import { NODE_TYPES } from "./definition";
import { parseDefinition, type DefinitionInput } from "./definition-validation";

const node = (id: string, type: string, config: unknown = {}) => ({ id, type, config });
const linear = (...nodes: DefinitionInput["nodes"]): DefinitionInput => ({
  nodes,
  edges: nodes.slice(1).map((next, index) => ({ from: nodes[index]!.id, to: next.id })),
});

function refusal(input: DefinitionInput): { field: unknown; message: string } {
  try {
    parseDefinition(input);
  } catch (error) {
    if (isDomainError(error) && error.code === "BAD_USER_INPUT") return { field: error.details.field, message: error.message };
    throw error;
  }
  throw new Error("the definition was accepted");
}

describe("definition validation", () => {
  it("accepts a DAG of every node type, with condition branches and a join", () => {
    const definition = parseDefinition({
      nodes: [
        node("start", "transform", { expression: "input.amount * 2" }),
        node("big", "condition", { expression: "steps.start > 10" }),
        node("fan", "parallel"),
        node("call", "http", { method: "POST", url: "https://example.com/orders/{{ input.id }}", body: "{ 'amount': steps.start }" }),
        node("ask", "llm", { prompt: "Summarize {{ input }}", model: "local-small" }),
        node("join", "join"),
        node("pause", "delay", { durationMs: 10 }),
        node("approve", "waitForSignal", { signal: "approval" }),
        node("lookup", "mcpTool", { server: "search-tools", tool: "echo", arguments: "{ 'text': input.topic }" }),
        node("ingest", "contentIngest", { title: "Notes on {{ input.topic }}", content: "{{ steps.ask.text }}", format: "MARKDOWN" }),
        node("link", "knowledgeLink", { concept: "{{ input.topic }}", relatedTo: "Graphs", relationship: "PART_OF", documentId: "{{ steps.ingest.id }}" }),
      ],
      edges: [
        { from: "start", to: "big" },
        { from: "big", to: "fan", when: "true" },
        { from: "big", to: "join", when: "else" },
        { from: "fan", to: "call" },
        { from: "fan", to: "ask" },
        { from: "call", to: "join" },
        { from: "ask", to: "join" },
        { from: "join", to: "pause" },
        { from: "pause", to: "approve" },
        { from: "approve", to: "lookup" },
        { from: "lookup", to: "ingest" },
        { from: "ingest", to: "link" },
      ],
    });
    expect(new Set(definition.nodes.map((n) => n.type))).toEqual(new Set(NODE_TYPES));
    expect(definition.nodes.find((n) => n.id === "lookup")?.config).toEqual({ server: "search-tools", tool: "echo", arguments: "{ 'text': input.topic }" });
  });

  it.each<[string, DefinitionInput, string, RegExp]>([
    ["an unknown node type", linear(node("a", "transform", { expression: "1" }), node("b", "teleport")), "input.definition.nodes[1].type", /unknown type "teleport"/],
    ["bad JSONata", linear(node("a", "transform", { expression: "1" }), node("b", "transform", { expression: "$sum(" })), "input.definition.nodes[1].config.expression", /Invalid JSONata/],
    ["bad JSONata in a URL template", linear(node("a", "http", { method: "GET", url: "https://x.test/{{ ( }}" })), "input.definition.nodes[0].config.url", /Invalid JSONata/],
    ["a missing config field", linear(node("a", "llm", { prompt: "hi" })), "input.definition.nodes[0].config.model", /./],
    ["an ill-typed config field", linear(node("a", "delay", { durationMs: "soon" })), "input.definition.nodes[0].config.durationMs", /number/],
    ["an unknown config field", linear(node("a", "parallel", { branches: 3 })), "input.definition.nodes[0].config.branches", /./],
    ["a URL that is not http(s)", linear(node("a", "http", { method: "GET", url: "ftp://x" })), "input.definition.nodes[0].config.url", /http/],
    ["a duplicate node id", linear(node("a", "join"), node("a", "join")), "input.definition.nodes[1].id", /used twice/],
    ["an edge to a missing node", { nodes: [node("a", "join")], edges: [{ from: "a", to: "ghost" }] }, "input.definition.edges[0].to", /missing node "ghost"/],
    [
      "a cycle",
      { nodes: [node("a", "join"), node("b", "join"), node("c", "join")], edges: [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "b" }] },
      "input.definition.edges[2]",
      /cycle/,
    ],
    ["an unreachable node", { nodes: [node("a", "join"), node("b", "join"), node("c", "join")], edges: [{ from: "a", to: "b" }] }, "input.definition.nodes[2]", /unreachable/],
    ["a condition edge without when", { nodes: [node("a", "condition", { expression: "true" }), node("b", "join")], edges: [{ from: "a", to: "b" }] }, "input.definition.edges[0].when", /when/],
    ["an mcpTool without a server", linear(node("a", "mcpTool", { tool: "echo" })), "input.definition.nodes[0].config.server", /./],
    ["an mcpTool server id that cannot be registered", linear(node("a", "mcpTool", { server: "Search Tools", tool: "echo" })), "input.definition.nodes[0].config.server", /MCP server id/],
    ["an mcpTool tool that is not a string", linear(node("a", "mcpTool", { server: "tools", tool: 7 })), "input.definition.nodes[0].config.tool", /string/],
    ["bad JSONata in mcpTool arguments", linear(node("a", "mcpTool", { server: "tools", tool: "echo", arguments: "{ 'a': " })), "input.definition.nodes[0].config.arguments", /Invalid JSONata/],
    ["a contentIngest without content", linear(node("a", "contentIngest", { title: "T" })), "input.definition.nodes[0].config.content", /./],
    ["a contentIngest with an empty title", linear(node("a", "contentIngest", { title: "", content: "x" })), "input.definition.nodes[0].config.title", /empty/],
    ["a contentIngest format that is not text", linear(node("a", "contentIngest", { title: "T", content: "x", format: "PDF" })), "input.definition.nodes[0].config.format", /./],
    ["bad JSONata in a contentIngest template", linear(node("a", "contentIngest", { title: "{{ $x( }}", content: "x" })), "input.definition.nodes[0].config.title", /Invalid JSONata/],
    ["a knowledgeLink without a concept", linear(node("a", "knowledgeLink", { relatedTo: "Graphs" })), "input.definition.nodes[0].config.concept", /./],
    ["a knowledgeLink relationship of an unknown type", linear(node("a", "knowledgeLink", { concept: "A", relatedTo: "B", relationship: "LIKES" })), "input.definition.nodes[0].config.relationship", /./],
    ["a knowledgeLink relationship without relatedTo", linear(node("a", "knowledgeLink", { concept: "A", relationship: "RELATED" })), "input.definition.nodes[0].config.relatedTo", /relationship/],
    ["a retry policy out of range", { nodes: [{ ...node("a", "join"), retry: { maxAttempts: 0 } }], edges: [] }, "input.definition.nodes[0].retry.maxAttempts", /between/],
  ])("refuses %s with BAD_USER_INPUT naming the node and field", (_case, input, field, message) => {
    const error = refusal(input);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});
