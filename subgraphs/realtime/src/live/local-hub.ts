/** Delivers an event to this process's listeners of one key; listeners must not throw. */
export type Listener<T> = (event: T) => void;

/**
 * In-process dispatch by key: the last hop of every live event, from the bus bridge or a
 * fan-out channel to the subscriptions of this instance. Keys carry the tenant, so a
 * listener only ever hears its own tenant's events.
 */
export class LocalHub<T> {
  private readonly listeners = new Map<string, Set<Listener<T>>>();

  /** Adds a listener; returns whether it is the key's first (so a fan-out can subscribe upstream). */
  listen(key: string, listener: Listener<T>): { first: boolean; stop: () => boolean } {
    let set = this.listeners.get(key);
    const first = !set;
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return {
      first,
      /** Removes the listener; returns whether the key has no listeners left. */
      stop: () => {
        const current = this.listeners.get(key);
        if (!current?.delete(listener)) return false;
        if (current.size > 0) return false;
        this.listeners.delete(key);
        return true;
      },
    };
  }

  emit(key: string, event: T): void {
    const set = this.listeners.get(key);
    if (!set) return;
    for (const listener of [...set]) listener(event);
  }

  listenerCount(key: string): number {
    return this.listeners.get(key)?.size ?? 0;
  }
}
