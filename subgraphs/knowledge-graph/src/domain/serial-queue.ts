/**
 * Runs tasks that share a key one after another, tasks with different keys freely.
 * Check-then-write sequences (the prerequisite cycle check) need this: two requests
 * adding a -> b and b -> a at once would each see no cycle and together make one.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget the key once its last task is done, so idle tenants cost nothing.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get pendingKeys(): number {
    return this.tails.size;
  }
}
