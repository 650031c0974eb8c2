/** Who is calling, as the gateway established it. Every store scopes by `tenantId`. */
export interface Identity {
  tenantId: string;
  userId: string;
  roles: string[];
  scopes: string[];
}

export const ANONYMOUS_TENANT = "public";

export function hasRole(identity: Identity, role: string): boolean {
  return identity.roles.includes(role) || identity.roles.includes("admin");
}
