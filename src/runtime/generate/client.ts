/**
 * One OpenAI-compatible endpoint, spoken to through the `openai` package with its own retries turned off
 * (see retry.ts). Every setting the SDK would otherwise take from the process environment (key, base URL,
 * organization, project, log level) is given explicitly, so only the spec and `ctx.env` decide them.
 */
import OpenAI, { APIConnectionTimeoutError } from "openai";
import { Agent, fetch as undiciFetch } from "undici";
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

export class EndpointClient {
  private readonly sdk: OpenAI;
  private readonly dispatcher: Agent;
  private readonly timeoutMs: number;

  /** `apiKey` null sends no Authorization header at all (local servers). */
  constructor(
    private readonly gen: Generate,
    apiKey: string | null,
  ) {
    this.timeoutMs = gen.endpoint.timeout_ms;
    // Node's built-in fetch gives up on headers after 5 minutes whatever the SDK's timeout, and a long
    // reasoning chain can take longer; undici's own fetch with an Agent lets timeout_ms alone decide.
    const slack = this.timeoutMs + 5000;
    this.dispatcher = new Agent({ headersTimeout: slack, bodyTimeout: slack });
    this.sdk = new OpenAI({
      apiKey: apiKey ?? "unused",
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      baseURL: gen.endpoint.base_url,
      timeout: slack,
      maxRetries: 0,
      logLevel: "off",
      fetch: undiciFetch as unknown as typeof fetch,
      fetchOptions: { dispatcher: this.dispatcher } as object,
      ...(apiKey === null ? { defaultHeaders: { Authorization: null } } : {}),
    });
  }

  /**
   * Sends one attempt; throws the SDK's errors, APIConnectionTimeoutError after timeout_ms, or
   * MalformedResponse when the answer has the wrong shape.
   */
  async send(request: PlannedRequest, signal: AbortSignal): Promise<Answer> {
    const controller = new AbortController();
    const forward = () => controller.abort(signal.reason);
    signal.addEventListener("abort", forward, { once: true });
    let timedOut = false;
    // The timeout fires in the check phase, after pending I/O: when this process was too busy to read a
    // response that had already arrived, the response is used rather than thrown away and asked for again.
    const timer = setTimeout(() => setImmediate(() => ((timedOut = true), controller.abort())), this.timeoutMs);
    try {
      const options = { signal: controller.signal, maxRetries: 0, headers: { [REQUEST_ID_HEADER]: request.key } };
      const body = request.body as never;
      const response: unknown =
        this.gen.api === "chat"
          ? await this.sdk.chat.completions.create(body, options)
          : await this.sdk.completions.create(body, options);
      return parseAnswer(response, this.gen.api);
    } catch (error) {
      if (timedOut && !signal.aborted) throw new APIConnectionTimeoutError({ message: `no answer within ${this.timeoutMs} ms` });
      throw error;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", forward);
    }
  }

  /** Closes the connections kept alive for this endpoint. */
  async close(): Promise<void> {
    await this.dispatcher.close();
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
