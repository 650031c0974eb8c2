/**
 * The realtime subgraph alone (no gateway): N `messageAdded` subscriptions on one channel
 * against the same number on a bare platform subgraph whose subscription is a plain
 * listener set (the baseline), in the same run. Prints server heap per subscription, the
 * time one event takes to reach every subscriber (p50/p99 over subscribers, from the
 * triggering mutation), and mutations/s with 100 subscribers attached, side by side.
 *
 *   node -r ./scripts/register.js bench/realtime/subgraph-fanout.bench.ts   (BENCH_SUBSCRIPTIONS=2000)
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { IDENTITY_HEADER, signInternalToken } from "@aiwf/platform";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { SECRET } from "./subgraph-fanout-server";

const TOTAL = Number(process.env.BENCH_SUBSCRIPTIONS ?? 2_000);
const PER_SOCKET = 100;
const EVENTS = 5;
const THROUGHPUT_SUBSCRIBERS = 100;
const THROUGHPUT_MS = 3_000;
const now = () => performance.timeOrigin + performance.now();
const identity = { tenantId: "bench", userId: "bench-user", roles: ["editor"], scopes: [] };

interface Scenario {
  name: string;
  url: string;
  subscription: string;
  trigger: (n: number) => { query: string; variables: Record<string, unknown> };
}

type Server = { send(line: string): void; next(): Promise<any> };

async function startServer(): Promise<Server> {
  const root = path.resolve(__dirname, "..", "..");
  const child = spawn(process.execPath, ["--expose-gc", "-r", path.join(root, "scripts/register.js"), path.join(__dirname, "subgraph-fanout-server.ts")], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const server = { send: (line: string) => void child.stdin!.write(`${line}\n`), next: async () => JSON.parse((await lines.next()).value) };
  return server;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function call(url: string, token: string, body: { query: string; variables: Record<string, unknown> }) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", [IDENTITY_HEADER]: token }, body: JSON.stringify(body) });
  const result = (await response.json()) as { errors?: unknown[] };
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

async function open(scenario: Scenario, token: string, count: number, onEvent: () => void): Promise<Client[]> {
  const clients: Client[] = [];
  let connected = 0;
  for (let s = 0; s < Math.ceil(count / PER_SOCKET); s++) {
    const client = createClient({ url: scenario.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { [IDENTITY_HEADER]: token }, retryAttempts: 0, lazy: false });
    client.on("connected", () => void connected++);
    clients.push(client);
    for (let i = 0; i < Math.min(PER_SOCKET, count - s * PER_SOCKET); i++) {
      client.subscribe({ query: scenario.subscription }, { next: onEvent, error: (error) => console.error(scenario.name, error), complete: () => {} });
    }
  }
  while (connected < clients.length) await new Promise((resolve) => setTimeout(resolve, 20));
  // graphql-ws does not acknowledge subscribes: give the server time to run them all.
  await new Promise((resolve) => setTimeout(resolve, 1_000 + count / 2));
  return clients;
}

async function run(server: Server, scenario: Scenario, token: string) {
  server.send("mem");
  const before = await server.next();
  let arrivals: number[] = [];
  const clients = await open(scenario, token, TOTAL, () => arrivals.push(now()));
  server.send("mem");
  const after = await server.next();
  const latencies: number[] = [];
  for (let n = 1; n <= EVENTS; n++) {
    arrivals = [];
    const sentAt = now();
    await call(scenario.url, token, scenario.trigger(n));
    while (arrivals.length < TOTAL) await new Promise((resolve) => setTimeout(resolve, 5));
    latencies.push(...arrivals.map((at) => at - sentAt));
  }
  await Promise.all(clients.map((client) => client.dispose()));
  latencies.sort((a, b) => a - b);

  const few = await open(scenario, token, THROUGHPUT_SUBSCRIBERS, () => {});
  let sent = 0;
  const deadline = now() + THROUGHPUT_MS;
  const started = now();
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (now() < deadline) await call(scenario.url, token, scenario.trigger(++sent));
  }));
  const perSecond = sent / ((now() - started) / 1000);
  await Promise.all(few.map((client) => client.dispose()));
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    heapPerSubscription: (after.heapUsed - before.heapUsed) / TOTAL,
    rssPerSubscription: (after.rss - before.rss) / TOTAL,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond,
  };
}

async function main() {
  const server = await startServer();
  const { realtime, baseline } = await server.next();
  const token = await signInternalToken(identity, SECRET);
  const scenarios: Scenario[] = [
    {
      name: "baseline",
      url: baseline,
      subscription: "subscription { pinged { n } }",
      trigger: (n) => ({ query: "mutation($n: Int!) { ping(n: $n) { n } }", variables: { n } }),
    },
    {
      name: "realtime",
      url: realtime,
      subscription: `subscription { messageAdded(channelId: "bench") { message { id body } } }`,
      trigger: (n) => ({ query: "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }", variables: { input: { channelId: "bench", body: `m${n}` } } }),
    },
  ];
  const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
  for (const scenario of scenarios) results[scenario.name] = await run(server, scenario, token);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const b = results.baseline!;
  const r = results.realtime!;
  const rows: [string, string, string, string][] = [
    ["heap / subscription", kb(b.heapPerSubscription), kb(r.heapPerSubscription), (r.heapPerSubscription / b.heapPerSubscription).toFixed(2)],
    ["rss / subscription", kb(b.rssPerSubscription), kb(r.rssPerSubscription), (r.rssPerSubscription / b.rssPerSubscription).toFixed(2)],
    [`one event to all ${TOTAL}, p50`, ms(b.p50), ms(r.p50), (r.p50 / b.p50).toFixed(2)],
    [`one event to all ${TOTAL}, p99`, ms(b.p99), ms(r.p99), (r.p99 / b.p99).toFixed(2)],
    [`mutations/s, ${THROUGHPUT_SUBSCRIBERS} subscribers`, b.perSecond.toFixed(0), r.perSecond.toFixed(0), (r.perSecond / b.perSecond).toFixed(2)],
  ];
  console.log(`realtime subgraph vs bare graphql-ws subgraph, ${TOTAL} subscriptions, ${EVENTS} events`);
  console.log(["figure", "baseline", "realtime", "ratio"].join("\t"));
  for (const row of rows) console.log(row.join("\t"));
  server.send("exit");
}

void main();
