/**
 * Where responses come from. A sampler turns a stream of problems into the same problems, in order, each with
 * `samples` responses (null for a sample the model never answered: a request that failed after its retries).
 * Two exist: an OpenAI-compatible endpoint (endpoint-sampler.ts, through the generation client and its cache)
 * and a local model through the engine (engine-sampler.ts).
 */
import type { Diagnostic } from "../../diagnostics/index.ts";
import type { Benchmark } from "./benchmarks.ts";
import type { BenchmarkPrompt } from "./prompts.ts";
import type { EvalProblem } from "./read-benchmark.ts";

export interface SamplingSettings {
  /** n: responses per problem. */
  samples: number;
  temperature: number;
  top_p: number;
  /** The longest response, in tokens. */
  max_tokens: number;
  /** Seeds the local engine's sampling (endpoints sample as they do). */
  seed: number;
}

export interface SampledProblem {
  problem: EvalProblem;
  /** `samples` entries, in sample order; null where no response came. */
  responses: Array<string | null>;
}

/** What is evaluated, as results.json records it (never a secret). */
export interface ModelInfo {
  kind: "endpoint" | "local";
  /** The endpoint's model name, or the local model's folder (or "builtin"). */
  model: string;
  /** The endpoint without user info; null for a local model. */
  endpoint: string | null;
  /** chat or completions (endpoint), text (local engine). */
  api: "chat" | "completions" | "text";
}

export interface Sampler {
  readonly model: ModelInfo;
  /** Problems that cannot be sampled at all (an unset API key variable), reported before anything is read. */
  preflight(): Diagnostic[];
  sample(problems: AsyncIterable<EvalProblem>, prompt: BenchmarkPrompt, settings: SamplingSettings, benchmark: Benchmark): AsyncIterable<SampledProblem>;
  /** Releases what the sampler holds (the engine process); the caller calls it once, at the end. */
  close?(): Promise<void>;
}
