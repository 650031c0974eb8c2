import type { RecordedEvent } from "./event-store";
import { createWorkflowEvents, foldWorkflow, workflowIdOfStream, workflowStreamId } from "./workflow";

const recorded = (version: number, type: string, data: Record<string, unknown>, at: string): RecordedEvent => ({
  id: `event-${version}`,
  position: BigInt(100 + version),
  streamId: workflowStreamId("w1"),
  version,
  type,
  data,
  metadata: {},
  recordedAt: new Date(at),
});

describe("workflow aggregate", () => {
  it("names its stream workflow-<id> and reads the id back", () => {
    expect(workflowStreamId("w1")).toBe("workflow-w1");
    expect(workflowIdOfStream("workflow-w1")).toBe("w1");
    expect(workflowIdOfStream("run-r1")).toBeUndefined();
  });

  it("decides one WorkflowCreated event carrying the draft", () => {
    expect(createWorkflowEvents("w1", { name: "N", description: null })).toEqual([
      { type: "WorkflowCreated", data: { id: "w1", name: "N", description: null, definition: { nodes: [], edges: [] } } },
    ]);
  });

  it("folds creation into a DRAFT at version 1, and later events advance version and updatedAt", () => {
    const created = recorded(1, "WorkflowCreated", { id: "w1", name: "N", description: "D" }, "2030-01-01T00:00:00Z");
    expect(foldWorkflow([created])).toEqual({
      id: "w1",
      name: "N",
      description: "D",
      status: "DRAFT",
      version: 1,
      definition: { nodes: [], edges: [] },
      createdAt: new Date("2030-01-01T00:00:00Z"),
      updatedAt: new Date("2030-01-01T00:00:00Z"),
    });
    const later = recorded(2, "SomethingNewer", {}, "2030-01-02T00:00:00Z");
    expect(foldWorkflow([created, later])).toMatchObject({ version: 2, updatedAt: new Date("2030-01-02T00:00:00Z"), name: "N" });
  });

  it("folds no events to no workflow, and refuses a stream that does not start with its creation", () => {
    expect(foldWorkflow([])).toBeNull();
    expect(() => foldWorkflow([recorded(1, "SomethingNewer", {}, "2030-01-01T00:00:00Z")])).toThrow(/not WorkflowCreated/);
  });
});
