/**
 * The server half of the fan-out benchmark, in its own process so that its memory is
 * measured without the clients': the fixture subgraphs and the gateway. Commands on
 * stdin: `tick <tenant>` publishes an event (printing its wall-clock time), `mem` prints
 * heap and RSS after a full GC.
 */
import "reflect-metadata";
import { createInterface } from "node:readline";
import { createLogger, parseConfig } from "@aiwf/platform";
import { createGatewayApp } from "../../gateway/src/app";
import { gatewayConfigSchema } from "../../gateway/src/config";
import { startSubscriptionFixture, ticks } from "../../gateway/test/subscription-fixture";

export const SECRET = "internal-secret-for-the-fanout-benchmark-00";
export const JWT_SECRET = "jwt-secret-for-the-fanout-benchmark-0000000";

const now = () => performance.timeOrigin + performance.now();

async function main() {
  const fixture = await startSubscriptionFixture(SECRET);
  const config = parseConfig(gatewayConfigSchema, {
    PORT: "0",
    HOST: "127.0.0.1",
    SUPERGRAPH_PATH: fixture.supergraphPath,
    INTERNAL_TOKEN_SECRET: SECRET,
    JWT_SECRET,
    SUBSCRIPTIONS_PER_SOCKET: "1000",
    SOCKET_OPERATION_RATE_LIMIT: "1000000",
    LOG_LEVEL: "silent",
  });
  const gateway = await createGatewayApp({ config, logger: createLogger({ service: "gateway", level: "silent" }) }).start();
  process.stdout.write(`${JSON.stringify({ ready: true, gateway: gateway.url, ticker: fixture.ticker.url })}\n`);
  let n = 0;
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, tenant] = line.trim().split(" ");
    if (command === "tick") {
      const at = now();
      ticks.emit(tenant!, { n: ++n, itemId: `item-${n}` });
      process.stdout.write(`${JSON.stringify({ tick: n, at })}\n`);
    } else if (command === "mem") {
      // Twice, with a turn of the event loop between: closed sockets free memory in stages.
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      await new Promise((resolve) => setTimeout(resolve, 200));
      gc?.();
      const { heapUsed, rss } = process.memoryUsage();
      process.stdout.write(`${JSON.stringify({ heapUsed, rss })}\n`);
    } else if (command === "exit") {
      await gateway.stop();
      await fixture.stop();
      process.exit(0);
    }
  }
}

void main();
