import { SignJWT } from "jose";

export interface DevelopmentTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
  tenantId?: string;
  userId?: string;
  roles?: string[];
  expiresIn?: string;
}

/** A token for local use (npm start prints one); production refuses the development secret. */
export function issueDevelopmentToken(options: DevelopmentTokenOptions): Promise<string> {
  return new SignJWT({ tenant: options.tenantId ?? "dev", roles: options.roles ?? ["admin"], scope: "read write" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.userId ?? "developer")
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "12h")
    .sign(new TextEncoder().encode(options.secret));
}
