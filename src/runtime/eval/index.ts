/** Benchmark evaluation (`hintc eval`): problems, samplers, verdicts, pass@k and result files. See README.md. */
export { resolveBenchmark, BUNDLED_BENCHMARKS, MATH_BENCHMARKS, BENCHMARKS_DIR, type Benchmark, type BenchmarkKind } from "./benchmarks.ts";
export { readBenchmark, gpqaProblem, type EvalProblem } from "./read-benchmark.ts";
export {
  promptSettings,
  benchmarkPrompt,
  userTemplate,
  promptText,
  DEFAULT_MATH_INSTRUCTION,
  DEFAULT_CHOICE_INSTRUCTION,
  type PromptSettings,
  type BenchmarkPrompt,
} from "./prompts.ts";
export { passAtK, meanPassAtK, meanAccuracy } from "./pass-at-k.ts";
export { Tally, zeroStatuses, type EvalStatus, type StatusCounts, type BenchmarkMetrics } from "./tally.ts";
export type { Sampler, SampledProblem, SamplingSettings, ModelInfo } from "./sampler.ts";
export { EndpointSampler, type EndpointSamplerOptions } from "./endpoint-sampler.ts";
export { runEval, type EvalPlan, type EvalContext, type EvalOutcome, type EvalProgress } from "./run-eval.ts";
export { writeResults, resultsCsv, verdictsFileName, RESULTS_CSV, RESULTS_JSON, type EvalResults, type BenchmarkResult, type VerdictLine } from "./results.ts";
export { EngineSampler, type TextEngine, type EngineSamplerOptions, type RaggedInts } from "./engine-sampler.ts";
export { EngineCache, modelFingerprint } from "./engine-cache.ts";
export { EVAL_DEFAULTS, ENDPOINT_DEFAULTS, DEFAULT_EVAL_SEED } from "./defaults.ts";
