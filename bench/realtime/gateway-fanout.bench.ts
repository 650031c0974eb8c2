/**
 * 10,000 concurrent subscriptions through the gateway, against the same number opened
 * straight at the owning subgraph (the baseline: no planning, no cross-subgraph completion)
 * in the same run. Prints server heap and RSS per subscription, and how long one event
 * takes to reach every subscriber (p50/p99 over subscribers), side by side.
 *
 *   node -r ./scripts/register.js bench/realtime/gateway-fanout.bench.ts   (BENCH_SUBSCRIPTIONS=10000)
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { createClient, type Client } from "graphql-ws";
import { SignJWT } from "jose";
import WebSocket from "ws";
import { IDENTITY_HEADER, signInternalToken } from "@aiwf/platform";

const TOTAL = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const PER_SOCKET = 100;
const EVENTS = 5;
const SECRET = "internal-secret-for-the-fanout-benchmark-00";
const JWT_SECRET = "jwt-secret-for-the-fanout-benchmark-0000000";
const now = () => performance.timeOrigin + performance.now();

type Server = { send(line: string): void; next(): Promise<any>; close(): void };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Scenario {
  name: string;
  url: string;
  query: string;
  connectionParams: Record<string, unknown>;
}

async function run(server: Server, scenario: Scenario, tenant: string) {
  await new Promise((resolve) => setTimeout(resolve, 3000)); // the previous scenario's sockets are gone
  server.send("mem");
  const before = await server.next();
  const clients: Client[] = [];
  const arrivals = new Map<number, number[]>();
  let measuring = false;
  let ready = 0;
  let failed = 0;
  const warmed = new Set<number>();
  for (let s = 0; s < TOTAL / PER_SOCKET; s++) {
    const client = createClient({ url: scenario.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: scenario.connectionParams, retryAttempts: 0, lazy: false });
    clients.push(client);
    for (let i = 0; i < PER_SOCKET; i++) {
      const id = ready;
      client.subscribe({ query: scenario.query }, {
        next: (result: any) => {
          const n = result.data?.ticked?.n;
          if (!n) return;
          warmed.add(id);
          if (!measuring) return;
          const at = now();
          const list = arrivals.get(n);
          if (list) list.push(at);
          else arrivals.set(n, [at]);
        },
        error: () => failed++,
        complete: () => undefined,
      });
      ready++;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // Warm up: tick until every subscription has received an event, so all are established.
  for (let round = 0; warmed.size < ready && round < 120; round++) {
    server.send(`tick ${tenant}`);
    await server.next();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  measuring = true;
  server.send("mem");
  const after = await server.next();
  const latencies: number[] = [];
  let missing = 0;
  for (let e = 0; e < EVENTS; e++) {
    server.send(`tick ${tenant}`);
    const { at, tick } = await server.next();
    const slot = () => arrivals.get(tick) ?? [];
    const deadline = Date.now() + 30_000;
    while (slot().length < ready && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    missing += ready - slot().length;
    const reachedAll = Math.max(...slot()) - at;
    latencies.push(reachedAll);
  }
  await Promise.all(clients.map((client) => client.dispose()));
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    subscriptions: ready,
    heapPerSubscriptionKB: (after.heapUsed - before.heapUsed) / ready / 1024,
    rssPerSubscriptionKB: (after.rss - before.rss) / ready / 1024,
    reachAllP50ms: percentile(sorted, 50),
    reachAllP99ms: percentile(sorted, 99),
    missing,
    failed,
  };
}

async function bench() {
  const root = path.resolve(__dirname, "..", "..");
  const child = spawn(process.execPath, ["--expose-gc", "-r", path.join(root, "scripts/register.js"), path.join(__dirname, "fanout-server.ts")], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const server: Server = {
    send: (line) => child.stdin!.write(`${line}\n`),
    next: async () => JSON.parse((await lines.next()).value),
    close: () => child.stdin!.write("exit\n"),
  };
  const urls: { gateway: string; ticker: string } = await server.next();
  const tenant = "bench";
  const identity = { tenantId: tenant, userId: "bench-user", roles: [], scopes: [] };
  const bearer = await new SignJWT({ tenant }).setProtectedHeader({ alg: "HS256" }).setSubject("bench-user").setIssuer("aiwf-dev").setAudience("aiwf").setExpirationTime("1h").sign(new TextEncoder().encode(JWT_SECRET));
  // The gateway first: the fixture's subgraph releases a closed subscription only at its next
  // event (its generator waits on the emitter), which would skew a later measurement.
  const federated = await run(server, { name: "through the gateway", url: urls.gateway, query: "subscription { ticked { n item { id name seenBy } } }", connectionParams: { authorization: `Bearer ${bearer}` } }, tenant);
  const baseline = await run(server, { name: "subgraph directly (baseline)", url: urls.ticker, query: "subscription { ticked { n item { id } } }", connectionParams: { [IDENTITY_HEADER]: await signInternalToken(identity, SECRET) } }, tenant);
  console.table([baseline, federated]);
  console.log(
    `gateway/baseline: heap per subscription ${(federated.heapPerSubscriptionKB / baseline.heapPerSubscriptionKB).toFixed(2)}x, p99 reach-all ${(federated.reachAllP99ms / baseline.reachAllP99ms).toFixed(2)}x; goals: heap <= 15 KB/subscription, p99 < 1000 ms`,
  );
  server.close();
}

void bench();
