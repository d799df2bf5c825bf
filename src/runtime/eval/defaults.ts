/**
 * The settings `hintc eval` uses when neither the spec's `eval` block nor the command line gives them. They equal
 * the language's `eval { … }` defaults (src/compiler/check/table-train.ts; a test keeps the two equal), so an
 * eval without a spec behaves like one with an empty `eval` block.
 */
import type { Endpoint, Eval } from "../../ir/index.ts";
import { MATH_BENCHMARKS } from "./benchmarks.ts";

export const EVAL_DEFAULTS: Omit<Eval, "endpoint"> = {
  benchmarks: [...MATH_BENCHMARKS],
  samples: 1,
  k: [1],
  temperature: 0.6,
  top_p: 0.95,
  max_tokens: 8192,
};

/** An endpoint block's connection defaults: 10 minutes per request (long reasoning), 3 retries, 8 in flight. */
export const ENDPOINT_DEFAULTS: Pick<Endpoint, "timeout_ms" | "retries" | "concurrency"> = {
  timeout_ms: 600_000,
  retries: 3,
  concurrency: 8,
};

/** Seeds the local engine's sampling when neither the spec nor the command line does. */
export const DEFAULT_EVAL_SEED = 0;
