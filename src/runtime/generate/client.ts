/**
 * One OpenAI-compatible endpoint, spoken to through the `openai` package with its own retries turned off
 * (see retry.ts). Every setting the SDK would otherwise take from the process environment (key, base URL,
 * organization, project, log level) is given explicitly, so only the spec and `ctx.env` decide them.
 */
import OpenAI from "openai";
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

  /** `apiKey` null sends no Authorization header at all (local servers). */
  constructor(
    private readonly gen: Generate,
    apiKey: string | null,
  ) {
    this.sdk = new OpenAI({
      apiKey: apiKey ?? "unused",
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      baseURL: gen.endpoint.base_url,
      timeout: gen.endpoint.timeout_ms,
      maxRetries: 0,
      logLevel: "off",
      ...(apiKey === null ? { defaultHeaders: { Authorization: null } } : {}),
    });
  }

  /** Sends one attempt; throws the SDK's errors, or MalformedResponse when the answer has the wrong shape. */
  async send(request: PlannedRequest, signal: AbortSignal): Promise<Answer> {
    const options = { signal, maxRetries: 0, headers: { [REQUEST_ID_HEADER]: request.key } };
    const body = request.body as never;
    const response: unknown =
      this.gen.api === "chat"
        ? await this.sdk.chat.completions.create(body, options)
        : await this.sdk.completions.create(body, options);
    return parseAnswer(response, this.gen.api);
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
