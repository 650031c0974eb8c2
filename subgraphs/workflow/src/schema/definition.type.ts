import { GraphQLJSON } from "graphql-scalars";
import { Field, Float, InputType, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "How a failed step is retried: exponential backoff with jitter." })
export class RetryPolicy {
  @Field(() => Int, { nullable: true, description: "Attempts in all, the first included (default 3 for http and llm, 1 for others)." })
  maxAttempts?: number | null;

  @Field(() => Int, { nullable: true, description: "Wait before the first retry, in ms (default 1000)." })
  initialDelayMs?: number | null;

  @Field(() => Float, { nullable: true, description: "Each retry waits this many times longer (default 2)." })
  backoffCoefficient?: number | null;

  @Field(() => Int, { nullable: true, description: "The longest wait between attempts, in ms (default 60000)." })
  maxDelayMs?: number | null;
}

@InputType({ description: "How a failed step is retried; omitted fields take their defaults." })
export class RetryPolicyInput {
  @Field(() => Int, { nullable: true, description: "Attempts in all, 1-20." })
  maxAttempts?: number | null;

  @Field(() => Int, { nullable: true, description: "Wait before the first retry, in ms." })
  initialDelayMs?: number | null;

  @Field(() => Float, { nullable: true, description: "Backoff multiplier, 1-10." })
  backoffCoefficient?: number | null;

  @Field(() => Int, { nullable: true, description: "Cap on the wait between attempts, in ms." })
  maxDelayMs?: number | null;
}

@ObjectType({ description: "One node of a workflow's graph: a typed step." })
export class WorkflowDefinitionNode {
  @Field(() => String, { description: "Unique within the definition; expressions read its output as `steps.<id>`." })
  id!: string;

  @Field(() => String, { description: "transform, condition, parallel, join, delay, waitForSignal, http, llm, mcpTool, contentIngest or knowledgeLink." })
  type!: string;

  @Field(() => GraphQLJSON, { description: "The type's settings, e.g. `{ expression }` for transform, `{ method, url }` for http, `{ server, tool, arguments }` for mcpTool." })
  config!: unknown;

  @Field(() => RetryPolicy, { nullable: true, description: "Retry policy; null for the type's defaults." })
  retry?: RetryPolicy | null;

  @Field(() => Int, { nullable: true, description: "Timeout of one attempt, in ms; null for 30 s (or the http config's timeoutMs)." })
  timeoutMs?: number | null;
}

@ObjectType({ description: "A directed edge: `to` runs after `from`." })
export class WorkflowDefinitionEdge {
  @Field(() => String, { description: "The node id the edge leaves." })
  from!: string;

  @Field(() => String, { description: "The node id the edge enters." })
  to!: string;

  @Field(() => String, { nullable: true, description: "On edges out of a condition: the value that takes this branch (`else`: no other matched)." })
  when?: string | null;
}

@ObjectType({ description: "A workflow's graph: nodes and edges forming a DAG; the first node is the entry." })
export class WorkflowDefinition {
  @Field(() => [WorkflowDefinitionNode], { description: "The nodes; the first is where runs begin." })
  nodes!: WorkflowDefinitionNode[];

  @Field(() => [WorkflowDefinitionEdge], { description: "The edges between nodes." })
  edges!: WorkflowDefinitionEdge[];
}

@InputType({ description: "A node of a new definition. Checked on save: type, config, expressions." })
export class WorkflowDefinitionNodeInput {
  @Field(() => String, { description: "Unique node id: letters, digits, _ or -, at most 64." })
  id!: string;

  @Field(() => String, { description: "transform, condition, parallel, join, delay, waitForSignal, http, llm, mcpTool, contentIngest or knowledgeLink." })
  type!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: "The type's settings." })
  config?: unknown;

  @Field(() => RetryPolicyInput, { nullable: true, description: "Retry policy; omitted for the type's defaults." })
  retry?: RetryPolicyInput | null;

  @Field(() => Int, { nullable: true, description: "Timeout of one attempt, in ms." })
  timeoutMs?: number | null;
}

@InputType({ description: "An edge of a new definition." })
export class WorkflowDefinitionEdgeInput {
  @Field(() => String, { description: "The node id the edge leaves." })
  from!: string;

  @Field(() => String, { description: "The node id the edge enters." })
  to!: string;

  @Field(() => String, { nullable: true, description: "Required on edges out of a condition, refused elsewhere." })
  when?: string | null;
}

@InputType({ description: "A workflow graph: must be a DAG whose nodes are all reachable from the first." })
export class WorkflowDefinitionInput {
  @Field(() => [WorkflowDefinitionNodeInput], { description: "The nodes; the first is the entry." })
  nodes!: WorkflowDefinitionNodeInput[];

  @Field(() => [WorkflowDefinitionEdgeInput], { description: "The edges." })
  edges!: WorkflowDefinitionEdgeInput[];
}
