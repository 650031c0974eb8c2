/**
 * Mints a development JWT for the gateway's configured secret, issuer and audience.
 * Usage: node -r ./scripts/register.js scripts/dev-token.ts [--tenant T] [--user U] [--roles a,b] [--expires 12h]
 */
import { parseArgs } from "node:util";
import { loadConfigOrExit } from "@aiwf/platform";
import { issueDevelopmentToken } from "../gateway/src/auth/development-token";
import { gatewayConfigSchema } from "../gateway/src/config";

async function main() {
  const { values } = parseArgs({
    options: { tenant: { type: "string", default: "dev" }, user: { type: "string", default: "developer" }, roles: { type: "string", default: "admin" }, expires: { type: "string", default: "12h" } },
  });
  const config = loadConfigOrExit(gatewayConfigSchema, "dev-token");
  if (!config.JWT_SECRET) throw new Error("JWT_SECRET is needed to sign a token (the gateway uses JWT_JWKS_URL)");
  const token = await issueDevelopmentToken({
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    tenantId: values.tenant,
    userId: values.user,
    roles: values.roles!.split(",").filter(Boolean),
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
}

void main();
