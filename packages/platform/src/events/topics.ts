import { z } from "zod";

/**
 * Every domain event the services exchange: topic name -> payload schema. Names are
 * `<subgraph>.<entity>.<event>`, owned by the subgraph in the first segment. The schemas
 * give both the payload types and a runtime check at the bus boundary, so a producer bug
 * fails at publish and a consumer never handles a payload of the wrong shape.
 * Add fields as optional: consumers on the previous release must still parse new events.
 */
export const eventTopics = {
  "content.document.processed": z.object({
    documentId: z.string().min(1),
    title: z.string(),
    candidateConcepts: z.array(z.object({ name: z.string().min(1), score: z.number() })),
  }),
  "content.document.deleted": z.object({
    documentId: z.string().min(1),
  }),
  "workflow.run.updated": z.object({
    runId: z.string().min(1),
    workflowId: z.string().min(1),
    status: z.string().min(1),
    step: z.string().optional(),
    /** The step's status after this transition (RUNNING, WAITING, SUCCEEDED...), when `step` is set. */
    stepStatus: z.string().optional(),
    attempt: z.number().int().nonnegative().optional(),
    /** The run event behind this update, e.g. StepSucceeded. */
    eventType: z.string().optional(),
    /** The run stream's version after the event: orders updates per run. */
    sequence: z.number().int().positive().optional(),
  }),
  "workflow.workflow.changed": z.object({
    workflowId: z.string().min(1),
    version: z.number().int().nonnegative(),
  }),
};

export type EventTopics = { [Topic in keyof typeof eventTopics]: z.infer<(typeof eventTopics)[Topic]> };
export type TopicName = keyof EventTopics;
export type TopicPayload<Topic extends TopicName> = EventTopics[Topic];

export const topicNames = Object.keys(eventTopics) as TopicName[];

export function isTopicName(value: unknown): value is TopicName {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(eventTopics, value);
}
