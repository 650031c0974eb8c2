import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, split } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { SignJWT } from "jose";

export interface TokenClaims {
  tenant: string;
  sub?: string;
  roles?: string[];
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

/** A JWT the way an identity provider would issue one for the gateway. */
export function signToken(jwt: { secret: string; issuer: string; audience: string }, claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tenant: claims.tenant, roles: claims.roles ?? ["editor"] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub ?? `user-of-${claims.tenant}`)
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setIssuedAt(now - 120)
    .setExpirationTime(now + (claims.expiresIn ?? 600))
    .sign(new TextEncoder().encode(jwt.secret));
}

/** Apollo Client as a frontend would use it, optionally with a bearer token. */
export function apolloClient(url: string, token?: string) {
  return new ApolloClient({
    link: ApolloLink.from([new HttpLink({ uri: url, headers: token ? { authorization: `Bearer ${token}` } : {} })]),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: "no-cache" } },
  });
}

/** A raw POST, for checking status codes and error bodies exactly. */
export async function postGraphQL(url: string, body: { query: string; variables?: Record<string, unknown> }, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, any> }> } };
}

/** Apollo Client adds `__typename` to every selection; assertions compare the data alone. */
export function withoutTypename<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutTypename) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "__typename").map(([key, v]) => [key, withoutTypename(v)])) as T;
  }
  return value;
}

/** Apollo Client with HTTP for queries and mutations and graphql-ws for subscriptions, as frontends run it. */
export function realtimeApolloClient(url: string, token: string) {
  // GraphQLWsLink inspects close events with the global WebSocket, which Node 20 lacks.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  const ws = createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const link = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === "OperationDefinition" && definition.operation === "subscription";
    },
    new GraphQLWsLink(ws),
    new HttpLink({ uri: url, headers: { authorization: `Bearer ${token}` } }),
  );
  const client = new ApolloClient({ link, cache: new InMemoryCache(), defaultOptions: { query: { fetchPolicy: "no-cache" } } });
  return { client, close: () => ws.dispose() };
}
