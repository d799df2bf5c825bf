/**
 * Responses from a local model through hintc's engine (the Python worker of src/trainer/engine). The prompt is
 * the benchmark prompt as text, chat template applied by hintc (src/runtime/template). Problems go to the
 * engine in batches; each batch's responses are cached under `<cache_dir>/eval-engine/` keyed by the model
 * (its settings and a fingerprint of its files), the batch's prompts and every sampling setting, so a rerun or
 * a resumed run does not sample again. A batch's seed is derived from the run's seed and the batch's content:
 * the same batch gives the same samples wherever it falls in the run. The engine starts on the first batch that
 * is not cached, so a fully cached rerun needs neither Python nor torch.
 */
import { createHash } from "node:crypto";
import type { Model } from "../../ir/index.ts";
import type { Diagnostic } from "../../diagnostics/index.ts";
import type { Benchmark } from "./benchmarks.ts";
import { EngineCache } from "./engine-cache.ts";
import { type BenchmarkPrompt, promptText } from "./prompts.ts";
import type { EvalProblem } from "./read-benchmark.ts";
import type { ModelInfo, SampledProblem, Sampler, SamplingSettings } from "./sampler.ts";

/** Token sequences as the engine protocol sends them: sequence i is values[offsets[i] .. offsets[i+1]). */
export interface RaggedInts {
  values: Int32Array;
  offsets: Int32Array;
}

/** What this sampler needs of the engine; the trainer's EngineClient has it. */
export interface TextEngine {
  tokenize(texts: string[]): Promise<RaggedInts>;
  generate(request: {
    prompts: RaggedInts;
    prefixes: RaggedInts;
    sampling: { n: number; temperature: number; top_p: number; max_new_tokens: number; stop: string[]; seed: number };
  }): Promise<{ texts: string[] }>;
  shutdown(): Promise<void>;
}

export interface EngineSamplerOptions {
  /** Identifies the model's weights in cache keys (see modelFingerprint). */
  fingerprint: string;
  cacheDir: string;
  /** Problems per generate request. Default 32 (the engine cuts batches further by its token budget). */
  batchProblems?: number;
}

const KEY_VERSION = "hintc-eval-engine/1";

export class EngineSampler implements Sampler {
  readonly model: ModelInfo;
  private readonly cache: EngineCache;
  private readonly batchProblems: number;
  private engine: Promise<TextEngine> | null = null;

  /** `start` launches the engine; it is called at most once, when the first uncached batch needs it. */
  constructor(
    private readonly start: () => Promise<TextEngine>,
    modelIr: Model,
    private readonly options: EngineSamplerOptions,
  ) {
    this.model = { kind: "local", model: modelIr.kind === "hf" ? modelIr.path : "builtin", endpoint: null, api: "text" };
    this.cache = new EngineCache(options.cacheDir);
    this.batchProblems = options.batchProblems ?? 32;
  }

  preflight(): Diagnostic[] {
    return [];
  }

  async *sample(problems: AsyncIterable<EvalProblem>, prompt: BenchmarkPrompt, settings: SamplingSettings, _benchmark: Benchmark): AsyncGenerator<SampledProblem> {
    let batch: EvalProblem[] = [];
    for await (const problem of problems) {
      batch.push(problem);
      if (batch.length < this.batchProblems) continue;
      yield* await this.sampleBatch(batch, prompt, settings);
      batch = [];
    }
    if (batch.length > 0) yield* await this.sampleBatch(batch, prompt, settings);
  }

  async close(): Promise<void> {
    const engine = await this.engine?.catch(() => null);
    await engine?.shutdown();
  }

  private async sampleBatch(batch: EvalProblem[], prompt: BenchmarkPrompt, settings: SamplingSettings): Promise<SampledProblem[]> {
    const texts = batch.map((p) => promptText(prompt, p.question));
    const key = batchKey(this.options.fingerprint, texts, settings);
    let responses = this.cache.get(key, texts.length * settings.samples);
    if (responses === null) {
      responses = await this.generate(texts, settings, key);
      await this.cache.put(key, responses);
    }
    const n = settings.samples;
    return batch.map((problem, i) => ({ problem, responses: responses.slice(i * n, (i + 1) * n) }));
  }

  private async generate(texts: string[], settings: SamplingSettings, key: string): Promise<string[]> {
    this.engine ??= this.start();
    const engine = await this.engine;
    const prompts = await engine.tokenize(texts);
    const prefixes: RaggedInts = { values: new Int32Array(0), offsets: new Int32Array(texts.length + 1) };
    const sampling = {
      n: settings.samples,
      temperature: settings.temperature,
      top_p: settings.top_p,
      max_new_tokens: settings.max_tokens,
      stop: [],
      seed: batchSeed(settings.seed, key),
    };
    const result = await engine.generate({ prompts, prefixes, sampling });
    return result.texts;
  }
}

/** SHA-256 over everything that changes a batch's responses. */
function batchKey(fingerprint: string, texts: string[], s: SamplingSettings): string {
  const sampling = [s.samples, s.temperature, s.top_p, s.max_tokens, s.seed];
  return createHash("sha256").update(JSON.stringify([KEY_VERSION, fingerprint, sampling, texts]), "utf8").digest("hex");
}

/** A 31-bit seed from the run's seed and the batch (its key already holds the run's seed). */
function batchSeed(seed: number, key: string): number {
  return parseInt(createHash("sha256").update(`${seed}\u0000${key}`).digest("hex").slice(0, 8), 16) & 0x7fffffff;
}
