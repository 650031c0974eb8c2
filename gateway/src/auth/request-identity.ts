import type { IncomingHttpHeaders } from "node:http";
import { IDENTITY_HEADER, type Identity, unauthenticated, verifyInternalToken } from "@aiwf/platform";
import type { TokenVerifier } from "./token-verifier";

export interface RequestIdentityOptions {
  /** Verifies a user's `Authorization: Bearer <JWT>`. */
  verifyToken: TokenVerifier;
  /** The platform's internal signing secret, shared with the services allowed to call as a tenant. */
  internalTokenSecret: string;
}

/**
 * Who an HTTP request to /graphql comes from. Users send their JWT; the platform's own
 * services (a workflow run ingesting a document) send the internal identity token they sign
 * with the shared secret, in the same header the gateway uses towards subgraphs. A request
 * carrying that header is judged by it alone: an invalid one is refused, never downgraded
 * to the bearer token or to anonymous.
 */
export function createRequestIdentity(options: RequestIdentityOptions) {
  return async function identify(headers: IncomingHttpHeaders): Promise<Identity> {
    const internal = headers[IDENTITY_HEADER];
    if (internal === undefined) return options.verifyToken(headers.authorization);
    const token = Array.isArray(internal) ? internal[0] : internal;
    try {
      return await verifyInternalToken(token, options.internalTokenSecret);
    } catch {
      throw unauthenticated(`Invalid internal identity token (${IDENTITY_HEADER}): forged, expired or signed with another secret`);
    }
  };
}

export type RequestIdentity = ReturnType<typeof createRequestIdentity>;
