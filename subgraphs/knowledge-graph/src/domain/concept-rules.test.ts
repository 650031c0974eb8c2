import { isDomainError } from "@aiwf/platform";
import {
  LIMITS,
  normalizeConceptName,
  parseConceptDraft,
  parseDocumentMention,
  parsePageRequest,
  parseRelationship,
  prerequisiteCycleError,
} from "./concept-rules";

function failureOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message, ...error.details };
    throw error;
  }
  throw new Error("expected a domain error");
}

describe("concept names", () => {
  it("normalize by trimming, collapsing spaces and lower-casing", () => {
    expect(normalizeConceptName("  Linear \t  ALGEBRA\n")).toBe("linear algebra");
    expect(normalizeConceptName("ﬁle systems")).toBe("file systems");
  });

  it("keep the cleaned spelling for display", () => {
    expect(parseConceptDraft({ name: "  Linear   Algebra " })).toEqual({ name: "Linear Algebra", normalizedName: "linear algebra" });
  });

  it("must be 1 to 200 characters", () => {
    expect(failureOf(() => parseConceptDraft({ name: "   " }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.name" });
    expect(failureOf(() => parseConceptDraft({ name: "x".repeat(LIMITS.name + 1) }))).toMatchObject({ field: "input.name" });
    expect(parseConceptDraft({ name: "x".repeat(LIMITS.name) }).name).toHaveLength(LIMITS.name);
  });
});

describe("concept drafts", () => {
  it("leave out what was not given, so an update keeps it", () => {
    expect(Object.keys(parseConceptDraft({ name: "a" }))).toEqual(["name", "normalizedName"]);
  });

  it("turn null and blank values into clearing", () => {
    expect(parseConceptDraft({ name: "a", description: "  ", difficulty: null, tags: null })).toMatchObject({
      description: null,
      difficulty: null,
      tags: [],
    });
  });

  it("accept only the three difficulties", () => {
    expect(parseConceptDraft({ name: "a", difficulty: "ADVANCED" }).difficulty).toBe("ADVANCED");
    expect(failureOf(() => parseConceptDraft({ name: "a", difficulty: "EXPERT" }))).toMatchObject({ field: "input.difficulty" });
  });

  it("treat tags as a sorted set", () => {
    expect(parseConceptDraft({ name: "a", tags: [" math ", "Algebra", "MATH", "algebra"] }).tags).toEqual(["Algebra", "math"]);
    expect(failureOf(() => parseConceptDraft({ name: "a", tags: [""] }))).toMatchObject({ field: "input.tags" });
    const tooMany = Array.from({ length: LIMITS.tags + 1 }, (_, i) => `tag ${i}`);
    expect(failureOf(() => parseConceptDraft({ name: "a", tags: tooMany }))).toMatchObject({ field: "input.tags" });
  });
});

describe("relationships", () => {
  const valid = { from: "a", to: "b", type: "PREREQUISITE", weight: 0.5 };

  it("become domain relationships", () => {
    expect(parseRelationship(valid)).toEqual({ fromId: "a", toId: "b", type: "PREREQUISITE", weight: 0.5 });
  });

  it("need a weight in (0, 1]", () => {
    for (const weight of [0, -0.1, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(failureOf(() => parseRelationship({ ...valid, weight }))).toMatchObject({ field: "input.weight" });
    }
    expect(parseRelationship({ ...valid, weight: 1 }).weight).toBe(1);
  });

  it("refuse relating a concept to itself and unknown types", () => {
    expect(failureOf(() => parseRelationship({ ...valid, to: "a" }))).toMatchObject({ field: "input.to", reason: "SELF_RELATION" });
    expect(failureOf(() => parseRelationship({ ...valid, type: "CAUSES" }))).toMatchObject({ field: "input.type" });
    expect(failureOf(() => parseRelationship({ ...valid, from: " " }))).toMatchObject({ field: "input.from" });
  });

  it("name a would-be cycle in the error", () => {
    const error = prerequisiteCycleError("a", ["b", "a"], ["id-a", "id-b", "id-a"]);
    expect(error.message).toContain("a -> b -> a");
    expect(error.details).toMatchObject({ field: "input.to", reason: "CYCLE", cycle: ["id-a", "id-b", "id-a"] });
  });
});

describe("document mentions and pages", () => {
  it("validate the document id and weight", () => {
    expect(parseDocumentMention({ documentId: "d", conceptId: "c", weight: 1 })).toEqual({ documentId: "d", conceptId: "c", weight: 1 });
    expect(failureOf(() => parseDocumentMention({ documentId: "", conceptId: "c", weight: 1 }))).toMatchObject({ field: "input.documentId" });
    expect(failureOf(() => parseDocumentMention({ documentId: "d", conceptId: "c", weight: 2 }))).toMatchObject({ field: "input.weight" });
  });

  it("take 1 to 100 concepts per page", () => {
    expect(parsePageRequest(20, null)).toEqual({ first: 20 });
    expect(parsePageRequest(1, "b")).toEqual({ first: 1, after: "b" });
    for (const first of [0, 101, 2.5]) expect(failureOf(() => parsePageRequest(first))).toMatchObject({ field: "first" });
  });
});
