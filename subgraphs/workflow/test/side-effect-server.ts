import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedCall {
  path: string;
  method: string;
  idempotencyKey: string | undefined;
  body: string;
}

/**
 * An HTTP endpoint the test controls: records every call (the side effects), answers JSON,
 * and can be told to fail or hang for a path.
 */
export async function startSideEffectServer() {
  const calls: ReceivedCall[] = [];
  const behaviours = new Map<string, (call: ReceivedCall, count: number) => { status: number; delayMs?: number } | undefined>();
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const path = (request.url ?? "/").split("?")[0]!;
    const call = { path, method: request.method ?? "GET", idempotencyKey: request.headers["idempotency-key"] as string | undefined, body };
    calls.push(call);
    const behaviour = behaviours.get(path)?.(call, calls.filter((c) => c.path === path).length);
    if (behaviour?.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs).unref());
    response.writeHead(behaviour?.status ?? 200, { "content-type": "application/json" });
    response.end(JSON.stringify({ path, received: body ? JSON.parse(body) : null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    /** Makes `path` answer `status` (or wait) for the calls `when` picks. */
    on(path: string, behaviour: (call: ReceivedCall, count: number) => { status: number; delayMs?: number } | undefined) {
      behaviours.set(path, behaviour);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // calls held open by a slow behaviour
      }),
  };
}
