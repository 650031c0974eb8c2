import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/**
 * A stand-in for a model vendor's API on a loopback port: it records every request and
 * answers from a script (the next scripted response, else the default), so a test can
 * assert the wire format the SDK sent and make the vendor fail on cue.
 */
export async function startVendorServer(answer: (request: RecordedRequest) => ScriptedResponse, options: { http2?: boolean } = {}) {
  const requests: RecordedRequest[] = [];
  const script: ScriptedResponse[] = [];
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const recorded = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: text ? JSON.parse(text) : undefined };
      requests.push(recorded);
      const reply = script.shift() ?? answer(recorded);
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  };
  // HTTP/2 in clear text for the AWS SDK, whose default Bedrock handler speaks only HTTP/2.
  const server = options.http2 ? createHttp2Server(handle) : createServer(handle);
  const sessions = new Set<{ destroy(): void }>();
  server.on("session", (session) => sessions.add(session));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Queues responses served before the default answer, in order. */
    respondNext: (...responses: ScriptedResponse[]) => script.push(...responses),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive (HTTP/1.1) and HTTP/2 sessions would otherwise hold close() open.
        if ("closeAllConnections" in server) server.closeAllConnections();
        for (const session of sessions) session.destroy();
      }),
  };
}

export type VendorServer = Awaited<ReturnType<typeof startVendorServer>>;

/** A retry policy and a sleep that records waits instead of taking them: fast, deterministic. */
export function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}

export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 60_000 };
