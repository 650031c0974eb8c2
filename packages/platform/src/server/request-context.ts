import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Identity } from "../identity";
import type { Logger } from "../logging";

/** What every resolver of every subgraph can rely on. */
export interface BaseContext {
  identity: Identity;
  requestId: string;
  logger: Logger;
}

export const REQUEST_ID_HEADER = "x-request-id";

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's request id when it is sane, so one id follows a request across services. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = headers[REQUEST_ID_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}
