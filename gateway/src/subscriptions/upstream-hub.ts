import { createClient, type Client } from "graphql-ws";
import { GraphQLError } from "graphql";
import WebSocket from "ws";
import { IDENTITY_HEADER, type Identity, type Logger, REQUEST_ID_HEADER, signInternalToken } from "@aiwf/platform";
import type { UpstreamEvent } from "./event-completion";

export interface UpstreamListener {
  next(event: UpstreamEvent): void;
  /** The stream ended abnormally; the listener is removed. */
  error(error: GraphQLError): void;
  complete(): void;
}

export interface UpstreamRequest {
  service: string;
  identity: Identity;
  requestId: string;
  query: string;
  variables: Record<string, unknown>;
}

interface Stream {
  key: string;
  listeners: Set<UpstreamListener>;
  unsubscribe: () => void;
  connection: Connection;
}

interface Connection {
  key: string;
  client: Client;
  streams: number;
}

/** Sorted keys, so equal variables give equal stream keys whatever their order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function identityKey(identity: Identity): string {
  return stableJson({ t: identity.tenantId, u: identity.userId, r: [...identity.roles].sort(), s: [...identity.scopes].sort() });
}

/** graphql-ws reports a closed socket as a CloseEvent and a refused operation as GraphQL errors. */
export function upstreamError(service: string, cause: unknown): GraphQLError {
  if (Array.isArray(cause) && cause[0]?.message) {
    const first = cause[0] as { message: string; extensions?: Record<string, unknown> };
    return new GraphQLError(first.message, { extensions: { code: "INTERNAL_SERVER_ERROR", ...first.extensions, serviceName: service } });
  }
  const code = (cause as { code?: unknown })?.code;
  const detail = typeof code === "number" ? ` (closed with ${code})` : "";
  return new GraphQLError(`The ${service} subgraph's event stream ended${detail}; subscribe again`, {
    extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName: service },
  });
}

/**
 * Upstream subscriptions to subgraphs over graphql-ws, shared: identical subscriptions of the
 * same caller (same subgraph, operation, variables and identity) ride one upstream stream,
 * reference counted and closed when the last listener leaves. One socket per subgraph and
 * identity carries that caller's streams, since the identity is signed into connection_init.
 */
export class UpstreamHub {
  private readonly connections = new Map<string, Connection>();
  private readonly streams = new Map<string, Stream>();

  constructor(
    private readonly options: { internalTokenSecret: string; urlOf: (service: string) => string; logger: Logger },
  ) {}

  get streamCount(): number {
    return this.streams.size;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Adds a listener to the matching stream, opening it if needed; returns how to leave. */
  listen(request: UpstreamRequest, listener: UpstreamListener): () => void {
    const connection = this.connectionFor(request);
    const key = `${connection.key}\n${request.query}\n${stableJson(request.variables)}`;
    let stream = this.streams.get(key);
    if (!stream) stream = this.open(key, connection, request);
    stream.listeners.add(listener);
    const opened = stream;
    return () => this.leave(opened, listener);
  }

  /** Ends every stream with the given error (a supergraph reload, a shutdown). */
  closeAll(error: GraphQLError): void {
    for (const stream of [...this.streams.values()]) this.end(stream, (listener) => listener.error(error));
  }

  private open(key: string, connection: Connection, request: UpstreamRequest): Stream {
    const stream: Stream = { key, listeners: new Set(), connection, unsubscribe: () => undefined };
    this.streams.set(key, stream);
    connection.streams++;
    stream.unsubscribe = connection.client.subscribe<Record<string, unknown>>(
      { query: request.query, variables: request.variables },
      {
        next: (event) => {
          for (const listener of stream.listeners) listener.next(event as UpstreamEvent);
        },
        error: (cause) => this.end(stream, (listener) => listener.error(upstreamError(request.service, cause))),
        complete: () => this.end(stream, (listener) => listener.complete()),
      },
    );
    return stream;
  }

  private leave(stream: Stream, listener: UpstreamListener): void {
    stream.listeners.delete(listener);
    if (stream.listeners.size === 0 && this.streams.get(stream.key) === stream) this.end(stream, () => undefined);
  }

  private end(stream: Stream, notify: (listener: UpstreamListener) => void): void {
    if (this.streams.get(stream.key) !== stream) return;
    this.streams.delete(stream.key);
    const listeners = [...stream.listeners];
    stream.listeners.clear();
    stream.unsubscribe();
    for (const listener of listeners) notify(listener);
    if (--stream.connection.streams === 0) this.closeConnection(stream.connection);
  }

  private connectionFor(request: UpstreamRequest): Connection {
    const key = `${request.service}\n${identityKey(request.identity)}`;
    const existing = this.connections.get(key);
    if (existing) return existing;
    const { internalTokenSecret, logger } = this.options;
    const client = createClient({
      url: this.options.urlOf(request.service).replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      keepAlive: 10_000,
      connectionParams: async () => ({
        [IDENTITY_HEADER]: await signInternalToken(request.identity, internalTokenSecret, request.requestId),
        [REQUEST_ID_HEADER]: request.requestId,
      }),
      on: { error: (error) => logger.warn({ err: error, service: request.service }, "upstream subscription socket failed") },
    });
    const connection: Connection = { key, client, streams: 0 };
    this.connections.set(key, connection);
    return connection;
  }

  private closeConnection(connection: Connection): void {
    if (this.connections.get(connection.key) === connection) this.connections.delete(connection.key);
    void connection.client.dispose();
  }
}
