import { type Identity, IDENTITY_HEADER, signInternalToken } from "../identity";

/** The internal-token secret tests start services with. */
export const TEST_INTERNAL_SECRET = "test-internal-secret-with-at-least-32-chars";

export interface GraphQLResponse<TData = any> {
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** A test identity in its own tenant, so tests never see each other's data. */
export function testIdentity(overrides: Partial<Identity> = {}): Identity {
  const suffix = Math.random().toString(36).slice(2, 10);
  return { tenantId: `tenant-${suffix}`, userId: `user-${suffix}`, roles: ["editor"], scopes: [], ...overrides };
}

/**
 * Calls a subgraph the way the gateway does (signed identity header), or without an
 * identity (`null`) to check that it refuses.
 */
export async function callSubgraph<TData = any>(
  url: string,
  body: { query: string; variables?: Record<string, unknown> },
  identity: Identity | null,
  secret: string = TEST_INTERNAL_SECRET,
): Promise<GraphQLResponse<TData>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (identity) headers[IDENTITY_HEADER] = await signInternalToken(identity, secret);
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  return (await response.json()) as GraphQLResponse<TData>;
}
