import { Gauge, type Registry } from "prom-client";
import type { LiveFeeds } from "./live-feeds";

/**
 * What operators watch on a realtime instance: subscriptions it holds open. Read when
 * Prometheus scrapes, so the hot path of every subscription pays nothing for it.
 */
export function registerRealtimeMetrics(registry: Registry, feeds: Pick<LiveFeeds, "openCount">): void {
  new Gauge({
    name: "realtime_open_subscriptions",
    help: "Subscriptions open on this realtime instance (all tenants)",
    registers: [registry],
    collect() {
      this.set(feeds.openCount());
    },
  });
}
