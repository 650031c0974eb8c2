/**
 * An announcement to every user of a tenant listening on a topic. Broadcasts are live
 * only: nothing is stored, so a user who is not subscribed when it is sent never sees it.
 */
export interface Broadcast {
  /** Unique per broadcast (a UUID): clients can tell a repeat from a new one. */
  id: string;
  topic: string;
  body: string;
  authorId: string;
  sentAt: Date;
}
