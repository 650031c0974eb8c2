import type { Identity, Logger } from "@aiwf/platform";

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  logger: Logger;
}
