/** One request, attempted until it succeeds, is refused, or runs out of retries. */
import type { Answer, EndpointClient } from "./client.ts";
import { type PauseGate, type Semaphore, sleep } from "./limiter.ts";
import type { PlannedRequest } from "./plan.ts";
import { type BackoffPolicy, type Failure, backoffDelay, classify } from "./retry.ts";

export interface SendContext {
  client: EndpointClient;
  /** Attempts after the first. */
  retries: number;
  slots: Semaphore;
  gate: PauseGate;
  policy: BackoffPolicy;
  signal: AbortSignal;
  /** Called before each retry, for counting. */
  onRetry: () => void;
}

export type SendOutcome =
  | { ok: true; answer: Answer; attempts: number }
  | { ok: false; failure: Exclude<Failure, { kind: "abort" }>; attempts: number };

/**
 * Sends the request, holding a concurrency slot only while an attempt is in flight (not while waiting to
 * retry). A 429 with Retry-After pauses every new attempt of the run for that long. Throws the signal's
 * reason when it fires.
 */
export async function sendWithRetries(request: PlannedRequest, c: SendContext): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    const failure = await attemptOnce(request, c);
    if (!("kind" in failure)) return { ok: true, answer: failure, attempts: attempt };
    if (failure.kind === "abort") throw c.signal.reason;
    if (failure.kind !== "retry" || attempt > c.retries) return { ok: false, failure, attempts: attempt };
    const delay = backoffDelay(attempt, failure.retryAfterMs, c.policy);
    c.onRetry();
    await sleep(delay, c.signal);
  }
}

async function attemptOnce(request: PlannedRequest, c: SendContext): Promise<Answer | Failure> {
  await c.slots.acquire();
  try {
    await c.gate.wait(c.signal);
    return await c.client.send(request);
  } catch (error) {
    const failure = classify(error, c.signal);
    // Pause the run before the slot is released, so no request queued behind this one slips through.
    if (failure.kind === "retry" && failure.rateLimited && failure.retryAfterMs !== null) {
      c.gate.pauseFor(Math.min(failure.retryAfterMs, c.policy.maxMs));
    }
    return failure;
  } finally {
    c.slots.release();
  }
}
