import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signInternalToken } from "@aiwf/platform";
import type { GatewayContext } from "./gateway-context";

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  internalTokenSecret: string;
  timeoutMs: number;
}

/**
 * Calls one subgraph on behalf of the caller: signs the caller's identity into a
 * short-lived internal token, forwards the request id, and gives up after the timeout
 * so a down subgraph yields partial data with errors instead of a hang.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly options: SubgraphDataSourceOptions) {
    super({
      url: options.url,
      fetcher: (input, init) => fetch(input, { ...(init as RequestInit), signal: AbortSignal.timeout(options.timeoutMs) }) as any,
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!context?.identity) return; // health checks and schema loading carry no identity
    request.http?.headers.set(IDENTITY_HEADER, await signInternalToken(context.identity, this.options.internalTokenSecret, context.requestId));
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  /** A subgraph that cannot be reached (refused, reset, timed out) is UPSTREAM_UNAVAILABLE, named. */
  override didEncounterError(error: Error, _fetchRequest: unknown, fetchResponse?: unknown): void {
    if (fetchResponse || error instanceof GraphQLError) throw error;
    throw new GraphQLError(`The ${this.options.name} subgraph is unavailable`, {
      originalError: error,
      extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName: this.options.name },
    });
  }
}
