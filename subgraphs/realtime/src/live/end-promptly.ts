/**
 * Wraps a subscription's event iterator so that `return()` settles at once. An async
 * generator queues `return()` behind its pending `next()`, so unsubscribing from an idle
 * stream would wait for the next event (the TOOLCHAIN's blocked-unsubscribe trap). Here
 * `return()` runs `release` (which unsubscribes and ends the source), resolves the pending
 * `next()` as done, and lets the inner generator finish in the background.
 */
export function endPromptly<T>(inner: AsyncGenerator<T>, release: () => void): AsyncGenerator<T> {
  let closed = false;
  let signalClosed!: () => void;
  const whenClosed = new Promise<IteratorResult<T>>((resolve) => (signalClosed = () => resolve({ value: undefined, done: true })));
  const close = () => {
    if (closed) return;
    closed = true;
    release();
    signalClosed();
    inner.return(undefined).catch(() => {});
  };
  const wrapper: AsyncGenerator<T> = {
    async next() {
      if (closed) return { value: undefined, done: true };
      try {
        const result = await Promise.race([inner.next(), whenClosed]);
        if (result.done) close();
        return result;
      } catch (error) {
        close();
        throw error;
      }
    },
    async return() {
      close();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return wrapper;
    },
    async [Symbol.asyncDispose]() {
      close();
    },
  } as AsyncGenerator<T>;
  return wrapper;
}
