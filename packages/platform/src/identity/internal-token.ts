import { jwtVerify, SignJWT } from "jose";
import { unauthenticated } from "../errors";
import type { Identity } from "./identity";

/** The header the gateway sets on every subgraph call. */
export const IDENTITY_HEADER = "x-aiwf-identity";

const ISSUER = "aiwf-gateway";
const AUDIENCE = "aiwf-subgraphs";
const ALGORITHM = "HS256";
/** Short-lived: a leaked internal token is useless within a minute. */
const LIFETIME_SECONDS = 60;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** Signs the caller's identity for subgraphs (gateway side). */
export async function signInternalToken(identity: Identity, secret: string, requestId?: string): Promise<string> {
  return new SignJWT({ tid: identity.tenantId, roles: identity.roles, scopes: identity.scopes, rid: requestId })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(identity.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(keyOf(secret));
}

/** Verifies the gateway's signature (subgraph side); throws UNAUTHENTICATED otherwise. */
export async function verifyInternalToken(token: string | undefined, secret: string): Promise<Identity> {
  if (!token) throw unauthenticated("Missing gateway identity: call the supergraph through the gateway");
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE });
    if (typeof payload.tid !== "string" || typeof payload.sub !== "string") throw new Error("claims missing");
    return {
      tenantId: payload.tid,
      userId: payload.sub,
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      scopes: Array.isArray(payload.scopes) ? payload.scopes.map(String) : [],
    };
  } catch {
    throw unauthenticated("Invalid gateway identity: call the supergraph through the gateway");
  }
}
