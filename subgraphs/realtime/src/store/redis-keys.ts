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

/** `aiwf:<tenant>:channel:<channel>:presence`: a sorted set of user ids scored by last heartbeat (ms). */
export function channelPresenceKey(tenantId: string, channelId: string, prefix = DEFAULT_KEY_PREFIX): string {
  return `${prefix}:${encodeKeyPart(tenantId)}:channel:${encodeKeyPart(channelId)}:presence`;
}

/**
 * `aiwf:presence-index`: channels with presence, scored by (at most) their oldest heartbeat,
 * so the sweep visits only channels that may hold expired members. Members are
 * `<tenant>:<channel>` (encoded), so even this shared key names each entry's tenant.
 */
export const presenceIndexKey = (prefix = DEFAULT_KEY_PREFIX): string => `${prefix}:presence-index`;

export const presenceIndexMember = (tenantId: string, channelId: string): string => `${encodeKeyPart(tenantId)}:${encodeKeyPart(channelId)}`;

export function parsePresenceIndexMember(member: string): { tenantId: string; channelId: string } {
  const [tenant = "", channel = ""] = member.split(":");
  return { tenantId: decodeURIComponent(tenant), channelId: decodeURIComponent(channel) };
}

/** `aiwf:<tenant>:channel:<channel>:live:<stream>`: the pub/sub channel for live events. */
export function channelLiveKey(tenantId: string, channelId: string, stream: string, prefix = DEFAULT_KEY_PREFIX): string {
  return `${prefix}:${encodeKeyPart(tenantId)}:channel:${encodeKeyPart(channelId)}:live:${stream}`;
}

/** `aiwf:<tenant>:rate:<action>`: a token bucket hash. */
export function rateLimitKey(tenantId: string, action: string, prefix = DEFAULT_KEY_PREFIX): string {
  return `${prefix}:${encodeKeyPart(tenantId)}:rate:${encodeKeyPart(action)}`;
}
