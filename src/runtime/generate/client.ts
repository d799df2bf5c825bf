/**
 * One OpenAI-compatible endpoint: an attempt is one POST of the planned body to `<base_url>/chat/completions`
 * or `<base_url>/completions` over a pool of kept-alive connections (undici's `Pool`), answered with the
 * `openai` package's error classes (`APIError.generate` for HTTP errors, `APIConnectionError`,
 * `APIConnectionTimeoutError`), so retry.ts classifies exactly what the SDK would have thrown.
 *
 * Why not the SDK's own client: generation is CPU-bound at a thousand requests a second, and a CPU profile
 * (bench/generate.ts) put the SDK's per-request work (header building, signal composition, logging checks,
 * its WHATWG fetch and Response) at about 500 µs per request over undici's fetch, or 200 µs over a
 * hand-made cheap fetch, against about 90 µs for `Pool.request` itself. The SDK adds nothing these
 * requests need: retries, timeouts and the key are hintc's own, and the body is sent byte for byte as planned.
 */
import { EventEmitter } from "node:events";
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { Pool, errors as undiciErrors } from "undici";
import type { Generate } from "../../ir/index.ts";
import type { CachedSample } from "./cache.ts";
import type { PlannedRequest } from "./plan.ts";
import { MalformedResponse } from "./retry.ts";

/** The header carrying a request's content address, so servers and tests can tell requests apart. */
export const REQUEST_ID_HEADER = "X-Hintc-Request";

export interface Answer {
  samples: CachedSample[];
  usage: { prompt_tokens: number; completion_tokens: number };
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export class EndpointClient {
  private readonly pool: Pool;
  private readonly path: string;
  /** Every request's headers but the request id, as undici's flat [name, value, ...] list. */
  private readonly headers: string[];
  private readonly timeoutMs: number;
  /**
   * Abort handles of the attempts in flight, fired together when the run's signal fires (one listener on it,
   * not one per attempt). undici takes an EventEmitter that emits "abort" as a request's signal: one costs
   * a fraction of a microsecond, an AbortController about 12 µs in Node 20.
   */
  private readonly inFlight = new Set<EventEmitter>();

  /** `apiKey` null sends no Authorization header at all (local servers). */
  constructor(
    private readonly gen: Generate,
    apiKey: string | null,
    private readonly signal: AbortSignal,
  ) {
    this.timeoutMs = gen.endpoint.timeout_ms;
    const url = new URL(gen.endpoint.base_url);
    this.path = `${url.pathname.replace(/\/+$/, "")}/${gen.api === "chat" ? "chat/completions" : "completions"}${url.search}`;
    // undici's own header and body timeouts (5 minutes by default) must not cut a long reasoning chain short:
    // timeout_ms alone decides, through the timer in exchange(). No connection limit here: the run's
    // semaphore already bounds attempts in flight, and a pool limit would also reorder queued requests.
    const slack = this.timeoutMs + 5000;
    this.pool = new Pool(url.origin, { headersTimeout: slack, bodyTimeout: slack });
    this.headers = ["content-type", "application/json", "accept", "application/json", "user-agent", "hintc"];
    if (apiKey !== null) this.headers.push("authorization", `Bearer ${apiKey}`);
    signal.addEventListener("abort", () => this.inFlight.forEach((handle) => handle.emit("abort")), { once: true });
  }

  /**
   * Sends one attempt; throws the SDK's error classes (APIConnectionTimeoutError after timeout_ms), a
   * SyntaxError for a body that is not JSON, or MalformedResponse when the answer has the wrong shape.
   */
  async send(request: PlannedRequest): Promise<Answer> {
    const raw = await this.exchange(request);
    if (raw.status < 200 || raw.status > 299) throw statusError(raw);
    return parseAnswer(JSON.parse(raw.text), this.gen.api);
  }

  /** Closes the connections kept alive for this endpoint. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  private async exchange(request: PlannedRequest): Promise<RawResponse> {
    // The run's signal is checked here, not only by its listener: it may have fired since the slot was granted.
    this.signal.throwIfAborted();
    const abort = new EventEmitter();
    this.inFlight.add(abort);
    let timedOut = false;
    // The timeout fires in the check phase, after pending I/O: when this process was too busy to read a
    // response that had already arrived, the response is used rather than thrown away and asked for again.
    const timer = setTimeout(() => setImmediate(() => ((timedOut = true), abort.emit("abort"))), this.timeoutMs);
    try {
      const headers = [...this.headers, REQUEST_ID_HEADER, request.key];
      const response = await this.pool.request({ path: this.path, method: "POST", headers, body: request.bodyText, signal: abort });
      return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
    } catch (error) {
      throw transportError(error, timedOut, this.timeoutMs);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abort);
    }
  }
}

/** What the SDK throws for a transport failure: a timeout (ours or undici's), else a connection error. */
function transportError(error: unknown, timedOut: boolean, timeoutMs: number): Error {
  if (timedOut) return new APIConnectionTimeoutError({ message: `no answer within ${timeoutMs} ms` });
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || error instanceof undiciErrors.ConnectTimeoutError) {
    return Object.assign(new APIConnectionTimeoutError(), { cause: error });
  }
  return new APIConnectionError({ message: "Connection error.", cause: error instanceof Error ? error : undefined });
}

/** The SDK's error for an HTTP error status (RateLimitError, InternalServerError, ...), with the response's headers. */
function statusError(raw: RawResponse): APIError {
  const json = safeJson(raw.text);
  // As the SDK does: a JSON body without an `error` field is the error itself.
  const body = json !== undefined && typeof json === "object" && json !== null && (json as { error?: unknown }).error == null ? { error: json } : json;
  return APIError.generate(raw.status, body as object | undefined, json === undefined ? raw.text : undefined, headersOf(raw.headers));
}

function headersOf(record: RawResponse["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The samples of a response, in choice-index order. */
export function parseAnswer(response: unknown, api: Generate["api"]): Answer {
  if (typeof response !== "object" || response === null) throw new MalformedResponse("the response is not a JSON object");
  const { choices, usage } = response as { choices?: unknown; usage?: Record<string, unknown> };
  if (!Array.isArray(choices) || choices.length === 0) throw new MalformedResponse("the response has no choices");
  const ordered = [...choices].sort((a, b) => choiceIndex(a) - choiceIndex(b));
  const samples = ordered.map((choice) => (api === "chat" ? chatSample(choice) : completionSample(choice)));
  return {
    samples,
    usage: { prompt_tokens: count(usage?.["prompt_tokens"]), completion_tokens: count(usage?.["completion_tokens"]) },
  };
}

function chatSample(choice: unknown): CachedSample {
  const message = (choice as { message?: unknown } | null)?.message as Record<string, unknown> | undefined;
  if (typeof message !== "object" || message === null) throw new MalformedResponse("a choice has no message");
  const content = message["content"];
  if (content !== null && content !== undefined && typeof content !== "string") {
    throw new MalformedResponse("a message's content is not text");
  }
  // DeepSeek and vLLM name it reasoning_content; some gateways call it reasoning.
  const reasoning = message["reasoning_content"] ?? message["reasoning"];
  return {
    content: content ?? "",
    reasoning: typeof reasoning === "string" && reasoning !== "" ? reasoning : null,
    finish_reason: finishReason(choice),
  };
}

function completionSample(choice: unknown): CachedSample {
  const text = (choice as { text?: unknown } | null)?.text;
  if (typeof text !== "string") throw new MalformedResponse("a choice has no text");
  return { content: text, reasoning: null, finish_reason: finishReason(choice) };
}

function choiceIndex(choice: unknown): number {
  const index = (choice as { index?: unknown } | null)?.index;
  return typeof index === "number" ? index : 0;
}

function finishReason(choice: unknown): string | null {
  const reason = (choice as { finish_reason?: unknown } | null)?.finish_reason;
  return typeof reason === "string" ? reason : null;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}
