/** Every key this service writes starts here, so operators can find (and ACL) them. */
export const DEFAULT_KEY_PREFIX = "aiwf";

/**
 * Percent-encodes everything but `[A-Za-z0-9._-]` (UTF-8 bytes). Injective, so two
 * tenants can never share a key; and it removes `:` (our separator), `{}` (Redis
 * Cluster hash tags) and glob characters (`*?[`) that would confuse SCAN patterns.
 */
export function encodeKeyPart(value: string): string {
  let encoded = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9._-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

/** `aiwf:<tenant>:channel:<channel>:messages`: one stream per tenant and channel. */
export function channelMessagesKey(tenantId: string, channelId: string, prefix = DEFAULT_KEY_PREFIX): string {
  return `${prefix}:${encodeKeyPart(tenantId)}:channel:${encodeKeyPart(channelId)}:messages`;
}

/** A SCAN pattern for every key of one tenant (tests and tenant deletion). */
export function tenantKeyPattern(tenantId: string, prefix = DEFAULT_KEY_PREFIX): string {
  return `${prefix}:${encodeKeyPart(tenantId)}:*`;
}
