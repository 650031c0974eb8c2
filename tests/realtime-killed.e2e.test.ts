import { gql } from "@apollo/client";
import { freePort, killProcess, startServiceProcess, TEST_INTERNAL_SECRET, type ServiceProcess } from "@aiwf/platform/testkit";
import { postGraphQL, realtimeApolloClient, signToken } from "./support/clients";
import { startTestStack, type TestStack } from "./support/stack";
import { until } from "./support/wait";

const SEND = gql`
  mutation Send($body: String!) { sendMessage(input: { channelId: "ops", body: $body }) { id } }
`;
const MESSAGES = gql`
  subscription Messages { messageAdded(channelId: "ops") { message { body } } }
`;

interface Followed {
  bodies: string[];
  /** The error that ended the subscription, as Apollo Client hands it over. */
  ending?: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}


/**
 * The realtime subgraph runs as its own process here, so it can die the way a crashed pod
 * does (SIGKILL: no close frames, no goodbyes), while the rest of the supergraph runs
 * embedded behind the same gateway.
 */
describe("the realtime subgraph killed mid-stream", () => {
  let stack: TestStack;
  let realtime: ServiceProcess;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    realtime = await startServiceProcess("subgraphs/realtime", { LOG_LEVEL: "error" }, port);
    stack = await startTestStack({ internalTokenSecret: TEST_INTERNAL_SECRET, gatewayEnv: { REALTIME_URL: realtime.url } });
  }, 90_000);
  afterAll(async () => {
    await stack?.close();
    if (realtime) await killProcess(realtime.child, "SIGTERM");
  });

  it("ends the subscription with UPSTREAM_UNAVAILABLE naming realtime; the gateway serves on, and subscribing again works once it is back", async () => {
    const token = await signToken(stack.jwt, { tenant: `killed-${Date.now()}` });
    const { client, close } = realtimeApolloClient(stack.gateway.url, token);
    const follow = (): Followed => {
      const followed: Followed = { bodies: [] };
      client.subscribe({ query: MESSAGES, errorPolicy: "all" }).subscribe({
        next: ({ data, error }) => {
          if (data) followed.bodies.push((data as any).messageAdded.message.body);
          if (error) followed.ending = error as Followed["ending"];
        },
        error: (error) => (followed.ending = error as Followed["ending"]),
      });
      return followed;
    };
    const subscribed = async () => {
      await until(() => stack.gateway.subscriptions.hub.streamCount === 1);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the upstream subscribe has reached realtime
    };

    const before = follow();
    await subscribed();
    await client.mutate({ mutation: SEND, variables: { body: "before the crash" } });
    await until(() => before.bodies.length === 1);

    await killProcess(realtime.child, "SIGKILL");
    await until(() => before.ending !== undefined);
    expect(before.ending!.errors?.[0]?.extensions).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", serviceName: "realtime" });
    expect(before.bodies).toEqual(["before the crash"]);
    expect(stack.gateway.subscriptions.hub.streamCount).toBe(0);

    // The gateway stays up: other subgraphs answer, realtime's fields say why they are missing.
    const headers = { authorization: `Bearer ${token}` };
    const during = await postGraphQL(stack.gateway.url, { query: '{ concepts(first: 1) { totalCount } channel(id: "ops") { id } }' }, headers);
    expect(during.body.data).toEqual({ concepts: { totalCount: 0 }, channel: null });
    expect(during.body.errors?.[0]).toMatchObject({ path: ["channel"], extensions: { code: "UPSTREAM_UNAVAILABLE", serviceName: "realtime" } });

    // Acting on the error: once realtime is back, the same client subscribes again.
    realtime = await startServiceProcess("subgraphs/realtime", { LOG_LEVEL: "error" }, port);
    const after = follow();
    await subscribed();
    await client.mutate({ mutation: SEND, variables: { body: "after the restart" } });
    await until(() => after.bodies.length === 1);
    expect(after.bodies).toEqual(["after the restart"]);
    expect(after.ending).toBeUndefined();
    await close();
  }, 60_000);
});
