/** Someone present in a channel: they joined and have sent a heartbeat within the TTL. */
export interface PresenceMember {
  channelId: string;
  userId: string;
  lastSeenAt: Date;
}

export type PresenceChange = "JOINED" | "LEFT" | "EXPIRED";

export interface PresenceEvent {
  kind: PresenceChange;
  channelId: string;
  userId: string;
  occurredAt: Date;
}

/** A member the sweep removed: their last heartbeat is older than the TTL. */
export interface ExpiredPresence extends PresenceMember {
  tenantId: string;
}

/** How long presence lasts without a heartbeat when configuration does not say. */
export const DEFAULT_PRESENCE_TTL_MS = 30_000;

/**
 * Who is in which channel, per tenant. Scores are last-heartbeat times (ms), so expiry is
 * a range query. `sweep` removes atomically: across instances sweeping the same store,
 * each expired member is returned to exactly one of them (one EXPIRED event).
 */
export interface PresenceStore {
  /** Records a heartbeat; `joined` when the user was not present before. */
  touch(tenantId: string, channelId: string, userId: string, nowMs: number): Promise<{ joined: boolean }>;
  /** Removes the user; false when they were not present. */
  remove(tenantId: string, channelId: string, userId: string): Promise<boolean>;
  /** Members seen at or after `sinceMs`, oldest heartbeat first. */
  members(tenantId: string, channelId: string, sinceMs: number): Promise<PresenceMember[]>;
  /** Removes and returns every member (any tenant, any channel) last seen before `beforeMs`. */
  sweep(beforeMs: number): Promise<ExpiredPresence[]>;
}
