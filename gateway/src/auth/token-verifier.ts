import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { ANONYMOUS_TENANT, type Identity, unauthenticated } from "@aiwf/platform";

export interface TokenVerifierOptions {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Pinned: a token signed with any other algorithm (or `none`) is refused. */
  algorithms: string[];
  mode: "required" | "optional";
}

/** The claim names we read; `tenant` is required so every store can scope by it. */
export const TENANT_CLAIM = "tenant";

export const ANONYMOUS_IDENTITY: Identity = { tenantId: ANONYMOUS_TENANT, userId: "anonymous", roles: [], scopes: [] };

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.split(" ").filter(Boolean);
  return [];
}

function identityFrom(payload: JWTPayload): Identity {
  const tenant = payload[TENANT_CLAIM];
  if (typeof payload.sub !== "string" || typeof tenant !== "string" || tenant.length === 0) {
    throw unauthenticated(`The token must carry "sub" and "${TENANT_CLAIM}" claims`);
  }
  return { tenantId: tenant, userId: payload.sub, roles: stringList(payload.roles), scopes: stringList(payload.scope) };
}

/** Turns an Authorization header into an Identity, or throws UNAUTHENTICATED. */
export function createTokenVerifier(options: TokenVerifierOptions) {
  const key: Uint8Array | JWTVerifyGetKey = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl))
    : new TextEncoder().encode(options.secret ?? "");
  return async function verify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) {
      if (options.mode === "optional") return ANONYMOUS_IDENTITY;
      throw unauthenticated("Missing bearer token: send `Authorization: Bearer <JWT>`");
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated("Malformed Authorization header: expected `Bearer <JWT>`");
    try {
      const { payload } = await jwtVerify(match[1]!, key as Uint8Array, {
        algorithms: options.algorithms,
        issuer: options.issuer,
        audience: options.audience,
        requiredClaims: ["exp", "sub"],
      });
      return identityFrom(payload);
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : "ERR_JWT_INVALID";
      throw unauthenticated(`Invalid token (${reason})`);
    }
  };
}

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;
