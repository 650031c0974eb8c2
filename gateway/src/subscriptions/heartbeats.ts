import type { WebSocket, WebSocketServer } from "ws";

const INTERVAL_MS = 15_000;

/**
 * WebSocket-level pings to every client; a client that has not answered the previous ping
 * is gone (a dropped network does not close sockets) and is terminated, freeing its
 * subscriptions. Clients keep the connection alive from their side with graphql-ws pings.
 */
export function startHeartbeats(server: WebSocketServer, intervalMs = INTERVAL_MS) {
  const alive = new WeakMap<WebSocket, boolean>();
  server.on("connection", (socket) => {
    alive.set(socket, true);
    socket.on("pong", () => alive.set(socket, true));
  });
  const timer = setInterval(() => {
    for (const socket of server.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
