/** The state of one generation run: endpoint, cache, limits, counters, and what has been reported. */
import { setMaxListeners } from "node:events";
import { resolve } from "node:path";
import { diagnostic } from "../../diagnostics/index.ts";
import type { Generate } from "../../ir/index.ts";
import { makeChain } from "../sources/chain-shape.ts";
import { LimitedSink } from "../sources/limited-sink.ts";
import { ProgressMeter } from "../sources/progress.ts";
import type { Chain, Problem, SourceContext } from "../sources/types.ts";
import { type CacheEntry, GenerationCache } from "./cache.ts";
import { EndpointClient } from "./client.ts";
import { PauseGate, Semaphore } from "./limiter.ts";
import { type Chunk, type PlannedRequest, chunksOf, endpointId, planRequest } from "./plan.ts";
import { redact } from "./redact.ts";
import { type SendContext, sendWithRetries } from "./send.ts";

/** Why in-flight work was cancelled after a fatal refusal (already reported). */
export class RunStopped extends Error {}

/** The folder under the IR's cache_dir that holds generation answers. */
export function generationCacheDir(ctx: SourceContext): string {
  return resolve(ctx.specDir, ctx.cacheDir, "generate");
}

/** The API key named by the endpoint, from ctx.env; undefined (after reporting HC3010) when it is unset. */
export function resolveApiKey(gen: Generate, ctx: SourceContext, source: string): string | null | undefined {
  const ref = gen.endpoint.api_key;
  if (ref === null) return null;
  const value = ctx.env[ref.env];
  if (value !== undefined && value !== "") return value;
  ctx.report(diagnostic("HC3010", { source, name: ref.env }, { help: [`set it with: export ${ref.env}=...`] }));
  return undefined;
}

/** Whether the endpoint's base URL can be sent to; reports HC3016 (without any user info) when it cannot. */
export function checkBaseUrl(gen: Generate, ctx: SourceContext, source: string): boolean {
  const url = URL.canParse(gen.endpoint.base_url) ? new URL(gen.endpoint.base_url) : null;
  if (url !== null && (url.protocol === "http:" || url.protocol === "https:")) return true;
  // The user info of a URL may hold a secret: drop whatever precedes an "@" in the authority.
  const shown = gen.endpoint.base_url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i, "$1");
  ctx.report(diagnostic("HC3016", { source, url: shown }, { help: ["write it as http://HOST:PORT/v1 (or https://...)"] }));
  return false;
}

export class GenerationRun {
  readonly controller = new AbortController();
  readonly window: number;
  stopped = false;
  private readonly sink: LimitedSink;
  private readonly cache: GenerationCache;
  private readonly send: SendContext;
  private readonly chunks: Chunk[];
  private readonly endpoint: string;
  private meter: ProgressMeter | null = null;
  private notedFewer = false;
  private readonly unlink: () => void;

  constructor(
    private readonly gen: Generate,
    private readonly ctx: SourceContext,
    private readonly source: string,
    private readonly apiKey: string | null,
  ) {
    const tuning = ctx.generation ?? {};
    // Every request, retry wait and queued slot listens to this signal: thousands is normal, not a leak.
    setMaxListeners(0, this.controller.signal);
    this.sink = new LimitedSink(ctx.report, source);
    this.cache = new GenerationCache(generationCacheDir(ctx));
    this.chunks = chunksOf(gen);
    this.endpoint = endpointId(gen.endpoint.base_url);
    this.window = tuning.window ?? Math.max(64, 8 * gen.endpoint.concurrency);
    this.send = {
      client: new EndpointClient(gen, apiKey, this.controller.signal),
      retries: gen.endpoint.retries,
      slots: new Semaphore(gen.endpoint.concurrency, this.controller.signal),
      gate: new PauseGate(),
      policy: { baseMs: tuning.backoffBaseMs ?? 1000, maxMs: tuning.backoffMaxMs ?? 60_000, random: tuning.random ?? Math.random },
      signal: this.controller.signal,
      onRetry: () => this.counted((s) => s.requests.retries++),
    };
    this.unlink = linkSignal(ctx.signal, this.controller);
    if (gen.api === "completions" && gen.system != null) ctx.report(diagnostic("HC3013", { source }));
  }

  /** The problem with its generated chains appended after any it brought from its file. */
  async generateFor(problem: Problem): Promise<Problem> {
    this.meter ??= this.startMeter();
    const parts = await Promise.all(this.chunks.map((chunk) => this.chunkChains(problem, chunk)));
    this.counted((s) => s.problems++);
    return { ...problem, chains: [...problem.chains, ...parts.flat()] };
  }

  /** Reports what was counted but not shown, the final progress, and lets go of the caller's signal. */
  close(): void {
    this.controller.abort(new RunStopped("generation finished"));
    void this.send.client.close().catch(() => undefined);
    this.unlink();
    this.sink.flush();
    this.meter?.finish();
  }

  /**
   * The chains of one chunk of samples. When the endpoint answers fewer samples than asked, the rest are
   * asked for in a follow-up request (itself cached), so a server that ignores n still gives them all.
   */
  private async chunkChains(problem: Problem, chunk: Chunk): Promise<Chain[]> {
    const chains: Chain[] = [];
    let { start, n } = chunk;
    while (n > 0) {
      const request = planRequest(this.gen, problem.problem, { start, n }, this.endpoint);
      const entry = this.fromCache(request) ?? (await this.fromEndpoint(problem, request));
      if (entry === null) break;
      const samples = entry.samples.slice(0, n);
      samples.forEach((s, i) => chains.push(makeChain(s.content, s.reasoning, "generated", start + i, null)));
      if (samples.length < n) this.noteFewer(samples.length, n);
      start += samples.length;
      n -= samples.length;
    }
    return chains;
  }

  private fromCache(request: PlannedRequest): CacheEntry | null {
    const entry = this.cache.get(request.key);
    if (entry !== null) this.counted((s) => s.requests.cached++);
    return entry;
  }

  private async fromEndpoint(problem: Problem, request: PlannedRequest): Promise<CacheEntry | null> {
    const outcome = await sendWithRetries(request, this.send);
    if (!outcome.ok) {
      this.failed(problem, request, outcome.failure, outcome.attempts);
      return null;
    }
    const { samples, usage } = outcome.answer;
    const entry: CacheEntry = { key: request.key, samples, usage };
    await this.store(entry);
    this.counted((s) => {
      s.requests.done++;
      s.tokens.prompt += usage.prompt_tokens;
      s.tokens.completion += usage.completion_tokens;
    });
    return entry;
  }

  private async store(entry: CacheEntry): Promise<void> {
    try {
      await this.cache.put(entry);
    } catch (error) {
      this.stop(diagnostic("HC0005", { path: this.cache.dir, reason: (error as Error).message }));
      throw this.controller.signal.reason;
    }
  }

  private failed(problem: Problem, request: PlannedRequest, failure: SendFailure, attempts: number): void {
    if (failure.kind === "fatal") {
      const reason = redact(failure.reason, this.apiKey);
      const args = { source: this.source, endpoint: this.endpoint, status: failure.status, reason };
      this.stop(diagnostic("HC3012", args, { help: ["check the endpoint's base_url, model and API key"] }));
      return;
    }
    this.counted((s) => s.requests.failed++);
    const reason = redact(failure.kind === "retry" ? failure.reason : `HTTP ${failure.status}: ${failure.reason}`, this.apiKey);
    const samples = request.n === 1 ? `sample ${request.start}` : `samples ${request.start}–${request.start + request.n - 1}`;
    const args = { source: this.source, id: problem.id, samples, reason, attempts };
    this.sink.report(diagnostic("HC3011", args, { help: ["run again to retry: answers already received are cached"] }));
  }

  /** Reports a diagnostic that ends the run, once, and cancels everything in flight. */
  private stop(d: Parameters<SourceContext["report"]>[0]): void {
    if (this.stopped) return;
    this.stopped = true;
    this.ctx.report(d);
    this.controller.abort(new RunStopped(d.message));
  }

  private noteFewer(got: number, asked: number): void {
    if (this.notedFewer) return;
    this.notedFewer = true;
    const args = { source: this.source, endpoint: this.endpoint, got, asked };
    this.ctx.report(diagnostic("HC3014", args, { help: ["set samples_per_request to what the server allows"] }));
  }

  private startMeter(): ProgressMeter {
    const meter = new ProgressMeter(this.source, "generate", this.ctx.onProgress);
    const expected = this.ctx.generation?.expectedProblems;
    if (expected !== undefined) meter.state.requests.planned = expected * this.chunks.length;
    return meter;
  }

  private counted(update: (state: ProgressMeter["state"]) => void): void {
    this.meter ??= this.startMeter();
    update(this.meter.state);
    this.meter.tick();
  }
}

type SendFailure = Extract<Awaited<ReturnType<typeof sendWithRetries>>, { ok: false }>["failure"];

/** Aborts `controller` when `signal` fires; returns the function that undoes the link. */
function linkSignal(signal: AbortSignal | undefined, controller: AbortController): () => void {
  if (signal === undefined) return () => undefined;
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) forward();
  signal.addEventListener("abort", forward, { once: true });
  return () => signal.removeEventListener("abort", forward);
}
