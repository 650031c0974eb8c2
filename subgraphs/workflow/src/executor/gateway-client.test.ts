import { IDENTITY_HEADER, verifyInternalToken } from "@aiwf/platform";
import { createGatewayClient } from "./gateway-client";
import { StepFailure } from "./step-failure";

const secret = "an-internal-secret-that-is-long-enough-000";
const actor = { tenantId: "acme", runId: "r1" };

/** A gateway stand-in: records what it was sent, answers `status` with `body`. */
function gateway(status: number, body: unknown) {
  const sent: Array<{ url: string; headers: Record<string, string>; body: any }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    sent.push({ url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;
  return { sent, client: createGatewayClient({ url: "http://gateway.test/graphql", internalTokenSecret: secret, fetch: fetchImpl }) };
}

async function failureOf(promise: Promise<unknown>): Promise<StepFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StepFailure) return error;
    throw error;
  }
  throw new Error("the request succeeded");
}

describe("gateway client", () => {
  it("calls as the run: its tenant, the service user workflow-run:<id>, no roles", async () => {
    const { sent, client } = gateway(200, { data: { ok: true } });
    await expect(client.request("{ ok }", { a: 1 }, actor, new AbortController().signal)).resolves.toEqual({ ok: true });
    expect(sent[0]).toMatchObject({ url: "http://gateway.test/graphql", body: { query: "{ ok }", variables: { a: 1 } } });
    const identity = await verifyInternalToken(sent[0]!.headers[IDENTITY_HEADER], secret);
    expect(identity).toEqual({ tenantId: "acme", userId: "workflow-run:r1", roles: [], scopes: [] });
  });

  it.each([
    ["a refusal of the input", 200, { errors: [{ message: "bad title", extensions: { code: "BAD_USER_INPUT", field: "input.title" } }] }, "BAD_USER_INPUT", false],
    ["an unauthenticated call", 401, { errors: [{ message: "no", extensions: { code: "UNAUTHENTICATED" } }] }, "UNAUTHENTICATED", false],
    ["an unavailable subgraph", 200, { errors: [{ message: "down", extensions: { code: "UPSTREAM_UNAVAILABLE" } }] }, "UPSTREAM_UNAVAILABLE", true],
    ["a proxy's HTML error page", 502, "<html>Bad gateway</html>", "HTTP_502", true],
  ])("turns %s into a step failure marked retryable or not", async (_case, status, body, code, retryable) => {
    const failure = await failureOf(gateway(status, body).client.request("{ ok }", {}, actor, new AbortController().signal));
    expect({ code: failure.code, retryable: failure.retryable }).toEqual({ code, retryable });
  });

  it("names the offending field in the failure's message", async () => {
    const { client } = gateway(200, { errors: [{ message: "bad title", extensions: { code: "BAD_USER_INPUT", field: "input.title" } }] });
    expect((await failureOf(client.request("{ ok }", {}, actor, new AbortController().signal))).message).toBe("bad title (input.title)");
  });
});
