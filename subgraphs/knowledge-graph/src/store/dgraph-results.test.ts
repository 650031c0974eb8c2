import { groupBy, prerequisitePathOf, toConcept } from "./dgraph-results";

describe("Dgraph results", () => {
  it("become concepts with nulls for absent predicates and sorted tags", () => {
    expect(toConcept({ "Concept.id": "1", "Concept.name": "A", "Concept.normalizedName": "a", "Concept.tags": ["z", "b"] })).toEqual({
      id: "1",
      name: "A",
      normalizedName: "a",
      description: null,
      difficulty: null,
      tags: ["b", "z"],
      importance: null,
      community: null,
    });
  });

  it("group nested answers by their parent", () => {
    const grouped = groupBy([{ key: "x", children: [1, 2] }, { key: "y" }], (p) => p.key, (p: { children?: number[] }) => p.children, (n) => n * 10);
    expect(grouped).toEqual(new Map([["x", [10, 20]], ["y", []]]));
  });

  it("read a shortest path in path order, whichever way hops are nested", () => {
    const steps = [
      { uid: "0x3", "Concept.id": "c" },
      { uid: "0x1", "Concept.id": "a" },
      { uid: "0x2", "Concept.id": "b" },
    ];
    const asObjects = { _path_: [{ uid: "0x1", prerequisite: { uid: "0x2", prerequisite: { uid: "0x3" } } }], steps };
    const asLists = { _path_: [{ uid: "0x1", prerequisite: [{ uid: "0x2", prerequisite: [{ uid: "0x3" }] }], _weight_: 2 }], steps };
    expect(prerequisitePathOf(asObjects)).toEqual(["a", "b", "c"]);
    expect(prerequisitePathOf(asLists)).toEqual(["a", "b", "c"]);
  });

  it("fall back to the steps when Dgraph leaves out _path_", () => {
    const steps = [{ uid: "0x1", "Concept.id": "a" }, { uid: "0x2", "Concept.id": "b" }];
    expect(prerequisitePathOf({ steps })).toEqual(["a", "b"]);
  });

  it("find no path when Dgraph returns none", () => {
    expect(prerequisitePathOf({})).toBeNull();
    expect(prerequisitePathOf({ _path_: [], steps: [] })).toBeNull();
  });
});
