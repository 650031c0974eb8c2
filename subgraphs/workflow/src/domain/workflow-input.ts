import { badInput } from "@aiwf/platform";

export const NAME_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 2000;

/** What a client sends to create a workflow. */
export interface CreateWorkflowInput {
  name: string;
  description?: string | null;
}

/** Validated, normalized input: trimmed, empty description as null. */
export interface WorkflowDraft {
  name: string;
  description: string | null;
}

// Control characters (newlines, NUL...) make names unprintable in lists and logs.
const CONTROL_CHARACTERS = /\p{Cc}/u;

/** Validates a client's input; errors name the field as the client wrote it (`input.name`). */
export function parseCreateWorkflowInput(input: CreateWorkflowInput, path = "input"): WorkflowDraft {
  const name = (input.name ?? "").trim();
  if (name.length === 0) throw badInput(`${path}.name`, "A workflow needs a name");
  if ([...name].length > NAME_MAX_LENGTH) throw badInput(`${path}.name`, `A workflow name has at most ${NAME_MAX_LENGTH} characters`);
  if (CONTROL_CHARACTERS.test(name)) throw badInput(`${path}.name`, "A workflow name cannot contain control characters");
  const description = input.description?.trim() || null;
  if (description && [...description].length > DESCRIPTION_MAX_LENGTH) {
    throw badInput(`${path}.description`, `A workflow description has at most ${DESCRIPTION_MAX_LENGTH} characters`);
  }
  return { name, description };
}
