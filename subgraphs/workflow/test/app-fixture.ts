import { createLogger, type RunningServer } from "@aiwf/platform";
import { InProcessEventBus } from "@aiwf/platform/events";
import { openDatabase, type OpenedDatabase } from "@aiwf/platform/postgres";
import { callSubgraph, testIdentity, TEST_INTERNAL_SECRET } from "@aiwf/platform/testkit";
import { createApp, type WorkflowDeps } from "../src/app";

export type TestIdentity = ReturnType<typeof testIdentity>;

export interface AppFixture {
  server: RunningServer;
  bus: InProcessEventBus;
  call(query: string, variables: Record<string, unknown>, identity: TestIdentity | null): Promise<{ data: any; errors?: any[] }>;
  stop(): Promise<void>;
}

/** The workflow app on port 0 over a fresh in-memory PGlite (or `database`), with an in-process bus. */
export async function startApp(overrides: Partial<WorkflowDeps> & { database?: OpenedDatabase } = {}): Promise<AppFixture> {
  const logger = createLogger({ service: "workflow", level: "silent" });
  const bus = new InProcessEventBus({ logger });
  const server = await createApp({
    database: overrides.database ?? (await openDatabase({ kind: "pglite" })),
    events: bus,
    logger,
    port: 0,
    host: "127.0.0.1",
    internalTokenSecret: TEST_INTERNAL_SECRET,
    executor: { pollMs: 50, leaseMs: 3_000 },
    ...overrides,
  }).start();
  return {
    server,
    bus,
    call: (query, variables, identity) => callSubgraph(server.url, { query, variables }, identity, TEST_INTERNAL_SECRET) as never,
    async stop() {
      await server.stop();
      await bus.close();
    },
  };
}
