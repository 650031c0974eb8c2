import { parseCreateWorkflowInput } from "./workflow-input";

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string; details?: { field?: string } }).code + " " + (error as { details: { field: string } }).details.field;
  }
  throw new Error("expected a validation error");
};

describe("parseCreateWorkflowInput", () => {
  it("trims the name and turns an empty description into null", () => {
    expect(parseCreateWorkflowInput({ name: "  Daily digest ", description: "  " })).toEqual({ name: "Daily digest", description: null });
    expect(parseCreateWorkflowInput({ name: "A", description: " why " })).toEqual({ name: "A", description: "why" });
  });

  it("accepts a name of exactly 200 characters, counting characters rather than UTF-16 units", () => {
    expect(parseCreateWorkflowInput({ name: "x".repeat(200) }).name).toHaveLength(200);
    expect(parseCreateWorkflowInput({ name: "🙂".repeat(200) }).name).toHaveLength(400);
  });

  it.each([
    ["empty", { name: "" }, "input.name"],
    ["blank", { name: " \t " }, "input.name"],
    ["201 characters", { name: "x".repeat(201) }, "input.name"],
    ["with a newline", { name: "two\nlines" }, "input.name"],
    ["a 2001-character description", { name: "ok", description: "d".repeat(2001) }, "input.description"],
  ])("refuses %s as BAD_USER_INPUT on the field", (_case, input, field) => {
    expect(fieldOf(() => parseCreateWorkflowInput(input))).toBe(`BAD_USER_INPUT ${field}`);
  });
});
