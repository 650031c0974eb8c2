import { badInput } from "@aiwf/platform";
import type { WorkflowListPosition } from "./workflow-read-model";

/*
 * Cursors are opaque to clients: base64url of the list position (creation time in ms and
 * id). The prefix lets a cursor of another list be refused rather than misread.
 */
const PREFIX = "workflows:";

export function encodeWorkflowCursor(position: WorkflowListPosition): string {
  return Buffer.from(`${PREFIX}${position.createdAt.getTime()}:${position.id}`, "utf8").toString("base64url");
}

export function decodeWorkflowCursor(cursor: string | null | undefined, field = "after"): WorkflowListPosition | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const match = /^workflows:(\d{1,15}):(.+)$/s.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw badInput(field, "Not a cursor of this list; pass an edge's `cursor` or `pageInfo.endCursor`");
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}
