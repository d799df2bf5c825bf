/** Mapping an async stream through async work with bounded parallelism, keeping the input's order. */

/**
 * Yields fn(item) for each item in input order, with up to `window` items started ahead of the one being
 * waited for. Memory holds at most `window` results. Closing the output closes the input; work already
 * started is the caller's to cancel (through the signal it gave fn).
 */
export async function* orderedMap<T, R>(
  input: AsyncIterable<T>,
  fn: (item: T) => Promise<R>,
  window: number,
): AsyncGenerator<R> {
  const source = input[Symbol.asyncIterator]();
  const pending: Promise<R>[] = [];
  let ended = false;
  try {
    for (;;) {
      while (!ended && pending.length < window) {
        const next = await source.next();
        if (next.done === true) ended = true;
        else pending.push(started(fn(next.value)));
      }
      const head = pending.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!ended) await source.return?.();
  }
}

/** A promise whose rejection is handled later (when it reaches the head) and must not count as unhandled. */
function started<R>(promise: Promise<R>): Promise<R> {
  promise.catch(() => undefined);
  return promise;
}
