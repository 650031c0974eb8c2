import { createLogger, IDENTITY_HEADER, signInternalToken, type Identity } from "@aiwf/platform";
import { InProcessEventBus, type EventBus } from "@aiwf/platform/events";
import { TEST_INTERNAL_SECRET } from "@aiwf/platform/testkit";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createApp, type RealtimeDeps, type RealtimeStores } from "../src/app";
import { InProcessFanout } from "../src/store/in-process-fanout";
import { InProcessMessageStore } from "../src/store/in-process-message-store";
import { InProcessPresenceStore } from "../src/store/in-process-presence-store";
import { InProcessRateLimiter } from "../src/store/in-process-rate-limiter";

export const silent = createLogger({ service: "realtime", level: "silent" });

export function inProcessStores(overrides: Partial<RealtimeStores> = {}): RealtimeStores {
  return {
    messages: new InProcessMessageStore(),
    presence: new InProcessPresenceStore(),
    fanout: new InProcessFanout(),
    sendLimiter: new InProcessRateLimiter({ limit: 10_000, windowSeconds: 60 }),
    senderLimiter: new InProcessRateLimiter({ limit: 10_000, windowSeconds: 60 }),
    ...overrides,
  };
}

/** A realtime app on port 0 with in-process stores (unless given) and an in-process bus (unless given). */
export async function startRealtime(overrides: Partial<RealtimeDeps> = {}) {
  const events: EventBus = overrides.events ?? new InProcessEventBus();
  const server = await createApp({
    ...inProcessStores(),
    events,
    logger: silent,
    port: 0,
    host: "127.0.0.1",
    internalTokenSecret: TEST_INTERNAL_SECRET,
    ...overrides,
  }).start();
  return { server, events, url: server.url };
}

export interface Received<T = any> {
  values: T[];
  /** The error that ended the subscription (graphql-ws error payload or close event). */
  error?: any;
  completed: boolean;
  /** Resolves once `count` events arrived (fails the test after 10 s rather than hanging). */
  waitFor(count: number): Promise<T[]>;
  waitForEnd(): Promise<void>;
  stop(): Promise<void>;
}

/** What `subscribe` needs of a running instance: its URL and its open-subscription gauge. */
export interface Target {
  url: string;
  server: { openSubscriptions(tenantId?: string): number };
}

/**
 * A graphql-ws client straight to the subgraph, signed like the gateway, collecting `data`
 * of one subscription. graphql-ws does not acknowledge a subscribe, so this waits until the
 * server counts the subscription open (or it ended, for refused ones): events published
 * afterwards are guaranteed to reach it.
 */
export async function subscribe<T = any>(target: Target, identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<Received<T>> {
  const { url, server } = target;
  const openBefore = server.openSubscriptions(identity.tenantId);
  const client: Client = createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { [IDENTITY_HEADER]: await signInternalToken(identity, TEST_INTERNAL_SECRET) },
    retryAttempts: 0,
  });
  const received: Received<T> = {
    values: [],
    completed: false,
    waitFor: (count) => until(() => received.values.length >= count || received.completed, `${count} events`).then(() => received.values),
    waitForEnd: () => until(() => received.completed, "the end of the subscription"),
    stop: async () => {
      const open = server.openSubscriptions(identity.tenantId);
      await client.dispose();
      if (!received.completed) await until(() => server.openSubscriptions(identity.tenantId) < open, "the server to close the subscription");
    },
  };
  const acknowledged = new Promise<void>((resolve) => {
    client.on("connected", () => resolve());
  });
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) received.error = value.errors;
        if (value.data) received.values.push((Object.values(value.data)[0] ?? value.data) as T);
      },
      error: (error) => {
        received.error = error;
        received.completed = true;
      },
      complete: () => (received.completed = true),
    },
  );
  await acknowledged;
  await until(() => received.completed || server.openSubscriptions(identity.tenantId) > openBefore, "the subscription to open");
  return received;
}

export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
