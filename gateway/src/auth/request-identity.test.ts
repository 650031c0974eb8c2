import { SignJWT } from "jose";
import { IDENTITY_HEADER, signInternalToken } from "@aiwf/platform";
import { createRequestIdentity } from "./request-identity";
import { createTokenVerifier } from "./token-verifier";
import { errorCodeOf } from "@aiwf/platform/testkit";

const internalTokenSecret = "an-internal-secret-that-is-long-enough-000";
const jwt = { secret: "a-test-jwt-secret-that-is-long-enough-0000", issuer: "aiwf-test", audience: "aiwf" };
const identify = createRequestIdentity({
  verifyToken: createTokenVerifier({ ...jwt, algorithms: ["HS256"], mode: "optional" }),
  internalTokenSecret,
});
const runIdentity = { tenantId: "acme", userId: "workflow-run:r1", roles: [], scopes: [] };

/** An internal token as a service would sign it, with the parts a forger might change. */
function internalToken(overrides: { secret?: string; issuedAt?: number; expiresAt?: number; issuer?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: "acme", roles: ["admin"], scopes: [] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("workflow-run:r1")
    .setIssuer(overrides.issuer ?? "aiwf-gateway")
    .setAudience("aiwf-subgraphs")
    .setIssuedAt(overrides.issuedAt ?? now)
    .setExpirationTime(overrides.expiresAt ?? now + 60)
    .sign(new TextEncoder().encode(overrides.secret ?? internalTokenSecret));
}


describe("request identity", () => {
  it("accepts a service's internal identity token in place of a user JWT", async () => {
    const token = await signInternalToken(runIdentity, internalTokenSecret, "run-r1");
    await expect(identify({ [IDENTITY_HEADER]: token })).resolves.toEqual(runIdentity);
  });

  it("still takes a user's bearer token when no internal token is sent", async () => {
    const user = await new SignJWT({ tenant: "acme", roles: ["editor"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("ada")
      .setIssuer(jwt.issuer)
      .setAudience(jwt.audience)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(jwt.secret));
    await expect(identify({ authorization: `Bearer ${user}` })).resolves.toMatchObject({ tenantId: "acme", userId: "ada" });
  });

  it.each([
    ["signed with another secret (forged)", () => internalToken({ secret: "someone-elses-secret-that-is-long-enough-0" })],
    ["expired", () => internalToken({ issuedAt: Math.floor(Date.now() / 1000) - 600, expiresAt: Math.floor(Date.now() / 1000) - 540 })],
    ["from another issuer", () => internalToken({ issuer: "aiwf-test" })],
    ["not a JWT", async () => "not-a-token"],
  ])("refuses an internal token %s with UNAUTHENTICATED, even though anonymous access is allowed", async (_case, make) => {
    const headers = { [IDENTITY_HEADER]: await make() };
    expect(await errorCodeOf(identify(headers))).toBe("UNAUTHENTICATED");
  });

  it("does not fall back to a valid bearer token when the internal token is bad", async () => {
    const user = await new SignJWT({ tenant: "acme" }).setProtectedHeader({ alg: "HS256" }).setSubject("ada").setIssuer(jwt.issuer).setAudience(jwt.audience).setExpirationTime("5m").sign(new TextEncoder().encode(jwt.secret));
    const forged = await internalToken({ secret: "someone-elses-secret-that-is-long-enough-0" });
    expect(await errorCodeOf(identify({ authorization: `Bearer ${user}`, [IDENTITY_HEADER]: forged }))).toBe("UNAUTHENTICATED");
  });
});
