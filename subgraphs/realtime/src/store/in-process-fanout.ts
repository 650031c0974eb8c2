import { channelStreamKey, type ChannelEvents, type ChannelFanout, type ChannelStream } from "../domain/channel-fanout";
import { LocalHub } from "../live/local-hub";

/** Embedded mode: one process, so fan-out is local dispatch (events are copied, as over Redis). */
export class InProcessFanout implements ChannelFanout {
  private readonly hub = new LocalHub<unknown>();

  async publish<S extends ChannelStream>(stream: S, tenantId: string, channelId: string, event: ChannelEvents[S]): Promise<void> {
    this.hub.emit(channelStreamKey(stream, tenantId, channelId), structuredClone(event));
  }

  async listen<S extends ChannelStream>(stream: S, tenantId: string, channelId: string, listener: (event: ChannelEvents[S]) => void): Promise<() => void> {
    const { stop } = this.hub.listen(channelStreamKey(stream, tenantId, channelId), listener as (event: unknown) => void);
    return () => void stop();
  }

  async close(): Promise<void> {}
}
