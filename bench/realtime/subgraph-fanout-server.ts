/**
 * The server half of subgraph-fanout.bench.ts, in its own process so its memory is
 * measured without the clients'. Starts the realtime subgraph (in-process stores and bus)
 * and, as the baseline, a bare subgraph whose subscription is a plain listener set: same
 * platform server, graphql-ws and identity checks, no queues, tenancy or history.
 * Commands on stdin: `mem` prints heap and RSS after a full GC; `exit`.
 */
import "reflect-metadata";
import { createInterface } from "node:readline";
import { buildFederatedSchema, createLogger, createSubgraphServer } from "@aiwf/platform";
import { InProcessEventBus } from "@aiwf/platform/events";
import { Arg, Field, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import { createApp } from "../../subgraphs/realtime/src/app";
import { InProcessFanout } from "../../subgraphs/realtime/src/store/in-process-fanout";
import { InProcessMessageStore } from "../../subgraphs/realtime/src/store/in-process-message-store";
import { InProcessPresenceStore } from "../../subgraphs/realtime/src/store/in-process-presence-store";
import { InProcessRateLimiter } from "../../subgraphs/realtime/src/store/in-process-rate-limiter";

export const SECRET = "internal-secret-for-the-subgraph-bench-000";
const logger = createLogger({ service: "bench", level: "silent" });

@ObjectType({ description: "A baseline event." })
class BenchPing {
  @Field(() => Int, { description: "Sequence." }) n!: number;
}

const listeners = new Set<(ping: BenchPing) => void>();

/** The least a subscription can be: an unbounded array queue fed by a listener. */
async function* pings(): AsyncGenerator<BenchPing> {
  const queue: BenchPing[] = [];
  let wake: (() => void) | undefined;
  const listener = (ping: BenchPing) => (queue.push(ping), wake?.());
  listeners.add(listener);
  try {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    listeners.delete(listener);
  }
}

@Resolver()
class BaselineResolver {
  @Query(() => Boolean, { description: "Required root." }) ok() {
    return true;
  }
  @Mutation(() => BenchPing, { description: "Emit a ping to every subscriber." })
  ping(@Arg("n", () => Int) n: number): BenchPing {
    for (const listener of listeners) listener({ n });
    return { n };
  }
  @Subscription(() => BenchPing, { description: "Pings.", subscribe: () => pings() })
  pinged(@Root() ping: BenchPing): BenchPing {
    return ping;
  }
}

async function main() {
  const events = new InProcessEventBus();
  const realtime = await createApp({
    messages: new InProcessMessageStore({ retention: 1000 }),
    presence: new InProcessPresenceStore(),
    fanout: new InProcessFanout(),
    sendLimiter: new InProcessRateLimiter({ limit: 1_000_000, windowSeconds: 1 }),
    senderLimiter: new InProcessRateLimiter({ limit: 1_000_000, windowSeconds: 1 }),
    subscriptionQueueLimit: 10_000,
    events,
    logger,
    port: 0,
    host: "127.0.0.1",
    internalTokenSecret: SECRET,
  }).start();
  const schema = await buildFederatedSchema({ resolvers: [BaselineResolver], resolverInstances: [new BaselineResolver()] });
  const baseline = await createSubgraphServer({ name: "baseline", schema, port: 0, host: "127.0.0.1", logger, internalTokenSecret: SECRET, readiness: [] }).start();
  process.stdout.write(`${JSON.stringify({ ready: true, realtime: realtime.url, baseline: baseline.url })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const command = line.trim();
    if (command === "mem") {
      (globalThis as { gc?: () => void }).gc?.();
      const { heapUsed, rss } = process.memoryUsage();
      process.stdout.write(`${JSON.stringify({ heapUsed, rss, open: realtime.openSubscriptions() })}\n`);
    } else if (command === "exit") {
      await realtime.stop();
      await baseline.stop();
      await events.close();
      process.exit(0);
    }
  }
}

// Only when run as the child process: the bench file imports SECRET from here.
if (require.main === module) void main();
