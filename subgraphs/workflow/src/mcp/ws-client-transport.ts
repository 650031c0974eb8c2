import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import WebSocket from "ws";
import { type EgressPolicy, egressLookup, literalRefusal } from "../egress/egress";

/** The WebSocket subprotocol MCP servers expect (the SDK's browser transport uses it too). */
export const MCP_SUBPROTOCOL = "mcp";

/**
 * MCP over WebSocket on the `ws` package. The SDK ships a WebSocket client transport, but
 * it needs the global WebSocket (Node 22+; this service runs on 20) and cannot send
 * headers, which servers use for credentials. One JSON-RPC message per text frame.
 */
export class WsClientTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private socket?: WebSocket;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
    private readonly egress: EgressPolicy = { privateNetworks: "allow" },
  ) {}

  start(): Promise<void> {
    if (this.socket) throw new Error("WsClientTransport already started");
    const refused = literalRefusal(this.egress, new URL(this.url).hostname);
    if (refused) return Promise.reject(refused);
    // The lookup refuses names that resolve to addresses the policy blocks (ws hands it to net.connect).
    const lookup = this.egress.privateNetworks === "block" ? egressLookup(this.egress) : undefined;
    const socket = new WebSocket(this.url, MCP_SUBPROTOCOL, { headers: this.headers, ...(lookup ? { lookup } : {}) });
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.once("open", () => {
        socket.off("error", reject);
        socket.on("error", (error) => this.onerror?.(error));
        resolve();
      });
      socket.once("error", reject);
      socket.on("close", () => this.onclose?.());
      socket.on("message", (data) => {
        let message: JSONRPCMessage;
        try {
          message = JSONRPCMessageSchema.parse(JSON.parse(data.toString()));
        } catch (error) {
          this.onerror?.(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        this.onmessage?.(message);
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error("WebSocket is not open"));
    return new Promise((resolve, reject) => socket.send(JSON.stringify(message), (error) => (error ? reject(error) : resolve())));
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      socket.close();
    });
  }
}
