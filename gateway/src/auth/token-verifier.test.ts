import { SignJWT, UnsecuredJWT } from "jose";
import { createTokenVerifier } from "./token-verifier";
import { issueDevelopmentToken } from "./development-token";
import { errorCodeOf } from "@aiwf/platform/testkit";

const secret = "a-test-jwt-secret-that-is-long-enough-0000";
const options = { secret, issuer: "aiwf-test", audience: "aiwf", algorithms: ["HS256"], mode: "required" as const };
const verify = createTokenVerifier(options);

function token(claims: Record<string, unknown>, overrides: { secret?: string; expiresIn?: string | number; issuer?: string; alg?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: overrides.alg ?? "HS256" })
    .setSubject("user-1")
    .setIssuer(overrides.issuer ?? "aiwf-test")
    .setAudience("aiwf")
    .setIssuedAt()
    .setExpirationTime(overrides.expiresIn ?? "5m")
    .sign(new TextEncoder().encode(overrides.secret ?? secret));
}


describe("token verifier", () => {
  it("turns a valid token into the caller's identity", async () => {
    const identity = await verify(`Bearer ${await token({ tenant: "acme", roles: ["editor"], scope: "read write" })}`);
    expect(identity).toEqual({ tenantId: "acme", userId: "user-1", roles: ["editor"], scopes: ["read", "write"] });
  });

  it("accepts the development token it issues", async () => {
    const dev = await issueDevelopmentToken({ secret, issuer: "aiwf-test", audience: "aiwf" });
    expect((await verify(`Bearer ${dev}`)).tenantId).toBe("dev");
  });

  it.each([
    ["expired", () => token({ tenant: "acme" }, { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ["wrongly signed", () => token({ tenant: "acme" }, { secret: "another-secret-that-is-long-enough-0000" })],
    ["from another issuer", () => token({ tenant: "acme" }, { issuer: "someone-else" })],
    ["signed with an algorithm that is not pinned", () => token({ tenant: "acme" }, { alg: "HS512" })],
    ["unsigned (alg none)", async () => new UnsecuredJWT({ tenant: "acme" }).setSubject("u").setIssuer("aiwf-test").setAudience("aiwf").setExpirationTime("5m").encode()],
    ["without a tenant", () => token({})],
  ])("refuses a token that is %s", async (_case, make) => {
    expect(await errorCodeOf(verify(`Bearer ${await make()}`))).toBe("UNAUTHENTICATED");
  });

  it("requires a token unless the mode is optional, where a bad token is still refused", async () => {
    expect(await errorCodeOf(verify(undefined))).toBe("UNAUTHENTICATED");
    const optional = createTokenVerifier({ ...options, mode: "optional" });
    expect((await optional(undefined)).userId).toBe("anonymous");
    expect(await errorCodeOf(optional("Bearer not-a-jwt"))).toBe("UNAUTHENTICATED");
    expect(await errorCodeOf(optional("Basic abc"))).toBe("UNAUTHENTICATED");
  });
});
