import { Field, ID, Int, ObjectType } from "type-graphql";
import { DocumentReference, WorkflowRunReference } from "./entity-references.type";
import { Message } from "./message.type";

@ObjectType({ description: "A message arrived in a channel (or was replayed after the subscriber's cursor)." })
export class MessageAddedEvent {
  @Field(() => Message, { description: "The message; its id is the cursor to resume from after a disconnect." })
  message!: Message;

  @Field(() => Boolean, {
    description:
      "True on the first event of a resume whose cursor is older than the channel's retained history: messages may have been dropped, so refetch the channel's history.",
  })
  historyTruncated!: boolean;
}

@ObjectType({ description: "The step of a run an update is about." })
export class WorkflowRunStepUpdate {
  @Field(() => ID, { description: "The node of the workflow definition the step runs." })
  nodeId!: string;

  @Field(() => String, { nullable: true, description: "The step's status after the change, when the workflow service reports it." })
  status!: string | null;

  @Field(() => Int, { nullable: true, description: "Which attempt of the step this is (1 for the first), when reported." })
  attempt!: number | null;
}

@ObjectType({ description: "A workflow run changed status or advanced a step." })
export class WorkflowRunUpdate {
  @Field(() => ID, { description: "The event's id: the same update never arrives with two ids." })
  eventId!: string;

  @Field(() => WorkflowRunReference, { description: "The run, with every field the workflow service knows about it." })
  run!: WorkflowRunReference;

  @Field(() => String, { description: "The run's status after the change (QUEUED, RUNNING, WAITING, SUCCEEDED, FAILED, CANCELLED)." })
  status!: string;

  @Field(() => WorkflowRunStepUpdate, { nullable: true, description: "The step that changed; null for a change of the run as a whole." })
  step!: WorkflowRunStepUpdate | null;

  @Field(() => Int, {
    nullable: true,
    description: "Orders updates of one run (increasing, possibly with gaps); null when the workflow service does not send it.",
  })
  sequence!: number | null;

  @Field(() => Date, { description: "When the change happened in the workflow service." })
  occurredAt!: Date;
}

@ObjectType({ description: "A document finished processing (parsed, analysed and embedded)." })
export class DocumentProcessedEvent {
  @Field(() => ID, { description: "The event's id." })
  eventId!: string;

  @Field(() => DocumentReference, { description: "The document, with every field the content service knows about it." })
  document!: DocumentReference;

  @Field(() => String, { description: "The document's title when it was processed." })
  title!: string;

  @Field(() => Date, { description: "When processing finished." })
  occurredAt!: Date;
}
