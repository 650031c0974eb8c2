import { badInput } from "@aiwf/platform";
import type { WorkflowDefinition } from "./definition/definition";
import { parseDefinition, type DefinitionInput } from "./definition/definition-validation";

export const NAME_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 2000;

/** What a client sends to create a workflow. */
export interface CreateWorkflowInput {
  name: string;
  description?: string | null;
  definition?: DefinitionInput | null;
}

/** What a client sends to change a workflow: absent fields stay as they are. */
export interface UpdateWorkflowInput {
  name?: string | null;
  description?: string | null;
  definition?: DefinitionInput | null;
}

/** Validated, normalized input: trimmed, empty description as null. */
export interface WorkflowDraft {
  name: string;
  description: string | null;
  definition?: WorkflowDefinition;
}

// Control characters (newlines, NUL...) make names unprintable in lists and logs.
const CONTROL_CHARACTERS = /\p{Cc}/u;

function parseName(raw: string | null | undefined, path: string): string {
  const name = (raw ?? "").trim();
  if (name.length === 0) throw badInput(`${path}.name`, "A workflow needs a name");
  if ([...name].length > NAME_MAX_LENGTH) throw badInput(`${path}.name`, `A workflow name has at most ${NAME_MAX_LENGTH} characters`);
  if (CONTROL_CHARACTERS.test(name)) throw badInput(`${path}.name`, "A workflow name cannot contain control characters");
  return name;
}

function parseDescription(raw: string | null | undefined, path: string): string | null {
  const description = raw?.trim() || null;
  if (description && [...description].length > DESCRIPTION_MAX_LENGTH) {
    throw badInput(`${path}.description`, `A workflow description has at most ${DESCRIPTION_MAX_LENGTH} characters`);
  }
  return description;
}

/** Validates a client's input; errors name the field as the client wrote it (`input.name`). */
export function parseCreateWorkflowInput(input: CreateWorkflowInput, path = "input"): WorkflowDraft {
  const draft: WorkflowDraft = { name: parseName(input.name, path), description: parseDescription(input.description, path) };
  if (input.definition) draft.definition = parseDefinition(input.definition, `${path}.definition`);
  return draft;
}

export function parseUpdateWorkflowInput(input: UpdateWorkflowInput, path = "input"): Partial<WorkflowDraft> {
  const change: Partial<WorkflowDraft> = {};
  if (input.name != null) change.name = parseName(input.name, path);
  if (input.description !== undefined) change.description = parseDescription(input.description, path);
  if (input.definition) change.definition = parseDefinition(input.definition, `${path}.definition`);
  return change;
}
