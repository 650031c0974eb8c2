import type { Identity, Logger } from "@aiwf/platform";

export interface GatewayContext {
  /** A user's (from their JWT) or, for the platform's own services, the one in their internal token (auth/request-identity.ts). */
  identity: Identity;
  requestId: string;
  logger: Logger;
}
