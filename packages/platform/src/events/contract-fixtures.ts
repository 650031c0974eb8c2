import { randomUUID } from "node:crypto";
import type { EventBus } from "./event-bus";
import type { ProcessedEventLog } from "./processed-event-log";
import type { TopicName } from "./topics";

export interface EventBusFixture {
  bus: EventBus;
  processedEvents: ProcessedEventLog;
  /** Closes the bus and removes whatever the fixture stored (streams, marks). */
  dispose(): Promise<void>;
}

/** The running test's fixture; suites read it lazily because beforeEach creates it. */
export type CurrentFixture = () => EventBusFixture;

export const TOPIC = "content.document.processed" satisfies TopicName;
export const tenant = () => `tenant-${randomUUID()}`;
export const processed = (documentId: string = randomUUID()) => ({
  documentId,
  title: `Document ${documentId}`,
  candidateConcepts: [{ name: "graphs", score: 0.9 }],
});
