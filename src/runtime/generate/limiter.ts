/** Bounded concurrency, and a shared pause when the endpoint says it is rate limiting us. */

/**
 * At most `size` holders at once; waiters are served first come, first served. When `signal` fires, every
 * waiter (and every later acquire) is rejected with its reason. One listener on the signal serves all
 * waiters: a run has hundreds waiting, and an EventTarget scans its listeners on each add.
 */
export class Semaphore {
  private free: number;
  private readonly waiters: Array<{ resolve: () => void; reject: (reason: unknown) => void }> = [];

  constructor(
    size: number,
    private readonly signal?: AbortSignal,
  ) {
    this.free = size;
    signal?.addEventListener("abort", () => this.waiters.splice(0).forEach((w) => w.reject(signal.reason)), { once: true });
  }

  /** Waits for a slot. Rejects with the signal's reason if it fires first. */
  acquire(): Promise<void> {
    this.signal?.throwIfAborted();
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.free++;
  }
}

/**
 * A time before which no new request starts. A 429 with Retry-After pushes it forward, so the whole run
 * backs off together instead of every request finding out for itself.
 */
export class PauseGate {
  private until = 0;

  pauseFor(ms: number): void {
    this.until = Math.max(this.until, Date.now() + ms);
  }

  /** Resolves once the pause (if any) is over. */
  async wait(signal?: AbortSignal): Promise<void> {
    for (let left = this.until - Date.now(); left > 0; left = this.until - Date.now()) await sleep(left, signal);
  }
}

/** Resolves after `ms`, or rejects with the signal's reason when it fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
