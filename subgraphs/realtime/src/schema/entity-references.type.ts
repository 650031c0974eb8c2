import { Directive, Field, ID, ObjectType } from "type-graphql";

/*
 * Entities other subgraphs own. Realtime only hands out `{ id }` references; the gateway
 * resolves every other field from the owner (`resolvable: false`).
 *
 * Deliberately without descriptions: the supergraph shows the owner's, and composition
 * reports INCONSISTENT_DESCRIPTION for every stub whose text differs from it. The fields
 * that return these types (Message.document, Message.workflow) are described.
 */

@ObjectType("Document")
@Directive('@key(fields: "id", resolvable: false)')
export class DocumentReference {
  @Field(() => ID)
  id!: string;
}

@ObjectType("Workflow")
@Directive('@key(fields: "id", resolvable: false)')
export class WorkflowReference {
  @Field(() => ID)
  id!: string;
}

@ObjectType("WorkflowRun")
@Directive('@key(fields: "id", resolvable: false)')
export class WorkflowRunReference {
  @Field(() => ID)
  id!: string;
}
