/**
 * The endpoint scorer: any OpenAI-compatible completions endpoint that echoes the prompt with its token
 * log-probabilities (vLLM and friends: `echo: true` with `logprobs`; vLLM's `prompt_logprobs` shape is read
 * too). Each candidate t is one prompt, context + chain[0:t] + end; a chain's prompts go out in
 * ceil(candidates / batch) requests, at most `concurrency` in flight across all chains, each retried on
 * 429, 5xx, timeouts and dropped connections with exponential backoff and jitter, honouring Retry-After.
 */
import type { Endpoint } from "../../../ir/index.ts";
import { ScorerError, type ScoreRequest } from "../types.ts";
import type { BatchingScorer, OnBatch } from "./cache.ts";
import { endLogprob } from "./logprobs.ts";

export interface EndpointScorerOptions {
  endpoint: Endpoint;
  /** Prompts per request: the server's batch limit. */
  batch: number;
  /** The API key's value (read from the environment by the caller), or null. Never logged or stored. */
  apiKey: string | null;
}

/** Counts of what the scorer sent; the statistics report them. */
export interface RequestCounts {
  requests: number;
  retries: number;
  prompts: number;
}

export class EndpointScorer implements BatchingScorer {
  readonly counts: RequestCounts = { requests: 0, retries: 0, prompts: 0 };
  private readonly slots: Semaphore;

  constructor(private readonly options: EndpointScorerOptions) {
    this.slots = new Semaphore(options.endpoint.concurrency);
  }

  async scoreEnd(request: ScoreRequest, signal?: AbortSignal, onBatch?: OnBatch): Promise<Float64Array> {
    const out = new Float64Array(request.offsets.length);
    const batch = this.options.batch;
    const jobs: Array<Promise<void>> = [];
    for (let start = 0; start < request.offsets.length; start += batch) {
      const offsets = request.offsets.slice(start, start + batch);
      jobs.push(this.slots.run(async () => {
        const prompts = offsets.map((o) => request.context + request.chain.slice(0, o) + request.end);
        const scores = await this.send(prompts, request.end, signal);
        out.set(scores, start);
        await onBatch?.(offsets, scores);
      }));
    }
    await settleAll(jobs);
    return out;
  }

  /** One completions request for a batch of prompts, with retries. */
  private async send(prompts: string[], end: string, signal?: AbortSignal): Promise<Float64Array> {
    const { endpoint } = this.options;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(prompts, signal);
      if ("body" in outcome) return parseScores(outcome.body, prompts, end);
      if (!outcome.retry || attempt >= endpoint.retries || signal?.aborted) {
        throw new ScorerError(`scoring at ${endpoint.base_url} failed: ${outcome.reason}`, outcome.kind);
      }
      this.counts.retries += 1;
      await sleep(outcome.waitMs ?? backoff(attempt), signal);
    }
  }

  private async attempt(prompts: string[], signal?: AbortSignal): Promise<Attempt> {
    const { endpoint, apiKey } = this.options;
    this.counts.requests += 1;
    this.counts.prompts += prompts.length;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (apiKey !== null) headers["authorization"] = `Bearer ${apiKey}`;
    const timeout = AbortSignal.timeout(endpoint.timeout_ms);
    const body = { model: endpoint.model, prompt: prompts, max_tokens: 1, temperature: 0, echo: true, logprobs: 1 };
    try {
      const response = await fetch(`${endpoint.base_url.replace(/\/+$/, "")}/completions`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
      const text = await response.text();
      if (response.ok) return parseJson(text);
      const retry = response.status === 429 || response.status >= 500;
      return { retry, kind: "http", reason: `HTTP ${response.status} ${oneLine(text)}`, waitMs: retryAfter(response.headers.get("retry-after")) };
    } catch (error) {
      const reason = timeout.aborted ? `no answer within ${endpoint.timeout_ms} ms` : (error as Error).message;
      return { retry: true, kind: "unreachable", reason };
    }
  }
}

type Attempt = { body: unknown } | { retry: boolean; kind: ScorerError["kind"]; reason: string; waitMs?: number | null };

function parseJson(text: string): Attempt {
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { retry: true, kind: "http", reason: `the answer is not JSON: ${oneLine(text)}` };
  }
}

/** The end token's log-probability for each prompt, from the choices (matched by their index). */
function parseScores(body: unknown, prompts: readonly string[], end: string): Float64Array {
  const choices = (body as { choices?: Array<{ index?: number }> } | null)?.choices;
  if (!Array.isArray(choices) || choices.length < prompts.length) {
    throw new ScorerError(`the answer holds ${Array.isArray(choices) ? choices.length : "no"} choices for ${prompts.length} prompts`, "no_logprobs");
  }
  const out = new Float64Array(prompts.length);
  choices.forEach((choice, k) => {
    const i = choice.index ?? k;
    if (i < prompts.length) out[i] = endLogprob(choice, prompts[i]!, end);
  });
  return out;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. Capped at a minute. */
function retryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(60_000, Math.max(0, ms)) : null;
}

function backoff(attempt: number): number {
  const base = Math.min(30_000, 250 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** Waits for every job, then rethrows the first failure (no job is left running unobserved). */
async function settleAll(jobs: Array<Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed !== undefined) throw failed.reason;
}

/** At most n tasks at once, first come first served. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly n: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.n) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}
