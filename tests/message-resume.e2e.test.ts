import { gql } from "@apollo/client";
import { realtimeApolloClient, signToken } from "./support/clients";
import { startTestStack, type TestStack } from "./support/stack";
import { until } from "./support/wait";

const SEND = gql`
  mutation Send($channelId: ID!, $body: String!) { sendMessage(input: { channelId: $channelId, body: $body }) { id } }
`;
const MESSAGES = gql`
  subscription Messages($channelId: ID!, $after: String) {
    messageAdded(channelId: $channelId, after: $after) { historyTruncated message { id body } }
  }
`;

type Added = { historyTruncated: boolean; message: { id: string; body: string } };

/** Subscribes and hands back what arrives; `close` ends the client's socket, as a dropped connection would. */
function follow(url: string, token: string, variables: Record<string, unknown>) {
  const { client, close } = realtimeApolloClient(url, token);
  const received: Added[] = [];
  client.subscribe({ query: MESSAGES, variables }).subscribe({ next: ({ data }) => received.push((data as any).messageAdded) });
  return { client, received, close };
}


describe("messageAdded through the gateway", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 90_000);
  afterAll(() => stack?.close());

  it("resumes from the client's cursor: exactly the missed messages, then live ones, for its own tenant only", async () => {
    const stamp = Date.now();
    const mine = await signToken(stack.jwt, { tenant: `mine-${stamp}` });
    const theirs = await signToken(stack.jwt, { tenant: `theirs-${stamp}` });
    const sender = realtimeApolloClient(stack.gateway.url, mine);
    const other = realtimeApolloClient(stack.gateway.url, theirs);
    const send = (client: typeof sender.client, body: string) => client.mutate({ mutation: SEND, variables: { channelId: "team", body } });

    const first = follow(stack.gateway.url, mine, { channelId: "team" });
    await until(() => stack.gateway.subscriptions.hub.streamCount >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // upstream acknowledged
    await send(sender.client, "one");
    await until(() => first.received.length === 1);
    const cursor = first.received[0]!.message.id;
    await first.close(); // the client goes away

    await send(sender.client, "two");
    await send(other.client, "someone else's"); // same channel name, another tenant
    await send(sender.client, "three");

    const resumed = follow(stack.gateway.url, mine, { channelId: "team", after: cursor });
    await until(() => resumed.received.length === 2);
    await send(sender.client, "four");
    await until(() => resumed.received.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing else trails in
    expect(resumed.received.map((added) => added.message.body)).toEqual(["two", "three", "four"]);
    expect(resumed.received.every((added) => !added.historyTruncated)).toBe(true);
    await Promise.all([resumed.close(), sender.close(), other.close()]);
  }, 60_000);
});
