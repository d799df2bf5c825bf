/**
 * What to do after a failed attempt: retry (429, 408, 409, 5xx, timeouts, dropped connections, malformed
 * answers), give up on this request (other 4xx), or stop the whole run (401, 403, 404: every request would
 * fail the same way). hintc retries itself rather than through the SDK, to honour Retry-After with its
 * own cap, add jitter, and count every retry for progress.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";

export type Failure =
  | { kind: "retry"; reason: string; retryAfterMs: number | null; rateLimited: boolean }
  | { kind: "refused"; status: number; reason: string }
  | { kind: "fatal"; status: number; reason: string }
  | { kind: "abort" };

/** A response the endpoint sent that is not the shape the API promises. Retried like a 5xx. */
export class MalformedResponse extends Error {}

const FATAL_STATUSES = new Set([401, 403, 404]);

/** Classifies an error thrown by an attempt. */
export function classify(error: unknown, signal?: AbortSignal): Failure {
  if (signal?.aborted || error instanceof APIUserAbortError) return { kind: "abort" };
  if (error instanceof APIConnectionTimeoutError) return retry("timed out");
  if (error instanceof APIConnectionError) return retry("connection dropped");
  if (error instanceof APIError && typeof error.status === "number") return statusFailure(error);
  if (error instanceof SyntaxError) return retry("malformed JSON in the response");
  if (error instanceof MalformedResponse) return retry(error.message);
  throw error;
}

function statusFailure(error: APIError): Failure {
  const status = error.status as number;
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  const reason = briefMessage(error);
  if (retryable) return { kind: "retry", reason: `HTTP ${status}`, retryAfterMs: retryAfterMs(error.headers), rateLimited: status === 429 };
  return FATAL_STATUSES.has(status) ? { kind: "fatal", status, reason } : { kind: "refused", status, reason };
}

function retry(reason: string): Failure {
  return { kind: "retry", reason, retryAfterMs: null, rateLimited: false };
}

/** The endpoint's own words about an error, shortened (an HTML error page should not flood the terminal). */
function briefMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === "string" ? body.message : error.message;
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/**
 * The wait a response asks for: `retry-after-ms` (milliseconds), else `Retry-After` as seconds (fractions
 * accepted) or an HTTP date. Null when absent or unreadable.
 */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | null {
  const ms = headers?.get("retry-after-ms");
  if (ms != null && ms.trim() !== "" && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers?.get("retry-after");
  if (value == null || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  random: () => number;
}

/**
 * The wait before retry number `attempt` (1 for the first retry): the server's Retry-After when it gave one
 * (capped at maxMs), else exponential backoff base·2^(attempt-1), capped, with jitter in [half, whole].
 */
export function backoffDelay(attempt: number, retryAfter: number | null, policy: BackoffPolicy): number {
  if (retryAfter !== null) return Math.min(retryAfter, policy.maxMs);
  const ceiling = Math.min(policy.baseMs * 2 ** (attempt - 1), policy.maxMs);
  return ceiling / 2 + (ceiling / 2) * policy.random();
}
