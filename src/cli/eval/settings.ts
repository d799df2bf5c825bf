/**
 * `hintc eval`'s settings: the command line over the spec's `eval` block (and `template`, `cache_dir`,
 * `train.model`) over the defaults. Command-line mistakes throw UsageError (exit 2); problems with what was
 * asked (an unknown benchmark, k above the samples, no model) are diagnostics.
 */
import { basename, dirname, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { Endpoint, Eval, HintIR, Model } from "../../ir/index.ts";
import {
  DEFAULT_EVAL_SEED,
  ENDPOINT_DEFAULTS,
  EVAL_DEFAULTS,
  promptSettings,
  resolveBenchmark,
  type Benchmark,
  type PromptSettings,
  type SamplingSettings,
} from "../../runtime/eval/index.ts";
import { UsageError } from "../exit.ts";

export interface EvalOptions {
  benchmarks?: string;
  baseUrl?: string;
  model?: string;
  apiKeyEnv?: string;
  api?: "chat" | "completions";
  concurrency?: string;
  timeout?: string;
  retries?: string;
  samplesPerRequest?: string;
  local?: string;
  python?: string;
  device?: "auto" | "cpu" | "cuda";
  template?: HintIR["template"]["format"];
  samples?: string;
  k?: string;
  temperature?: string;
  topP?: string;
  maxTokens?: string;
  seed?: string;
  limit?: string;
  out?: string;
  cacheDir?: string;
  json?: boolean;
}

/** Where the model runs. */
export type ModelChoice =
  | { kind: "endpoint"; endpoint: Endpoint; api: "chat" | "completions"; samplesPerRequest: number | null }
  | { kind: "local"; model: Model; python: string | null; device: "auto" | "cpu" | "cuda" };

export interface EvalSetup {
  benchmarks: Benchmark[];
  sampling: SamplingSettings;
  k: number[];
  limit: number | null;
  prompts: PromptSettings;
  model: ModelChoice;
  /** Paths in the spec (and gpqa:PATH) are relative to this folder. */
  baseDir: string;
  cacheDir: string;
  outDir: string;
}

/** Resolves the settings; diagnostics when they cannot make a run. */
export function evalSetup(options: EvalOptions, ir: HintIR | null, specPath: string | null, cwd: string): { setup: EvalSetup | null; diagnostics: Diagnostic[] } {
  const block: Partial<Eval> = ir?.eval ?? {};
  const baseDir = specPath === null ? cwd : dirname(resolve(cwd, specPath));
  const diagnostics: Diagnostic[] = [];
  const names = options.benchmarks !== undefined ? list(options.benchmarks, "--benchmarks") : (block.benchmarks ?? EVAL_DEFAULTS.benchmarks);
  // gpqa:PATH on the command line is relative to where the command runs; in a spec, to the spec's folder.
  const benchmarkBase = options.benchmarks !== undefined ? cwd : baseDir;
  const benchmarks: Benchmark[] = [];
  for (const name of names) {
    const resolved = resolveBenchmark(name, benchmarkBase);
    if (resolved.ok) benchmarks.push(resolved.benchmark);
    else diagnostics.push(resolved.diagnostic);
  }
  const samples = options.samples !== undefined ? int(options.samples, "--samples", 1) : (block.samples ?? EVAL_DEFAULTS.samples);
  const k = options.k !== undefined ? list(options.k, "--k").map((v) => int(v, "--k", 1)) : (block.k ?? EVAL_DEFAULTS.k);
  for (const value of k) if (value > samples) diagnostics.push(diagnostic("HC7003", { k: value, samples }, { help: [`sample more (--samples ${value}) or drop k=${value}`] }));
  const model = modelChoice(options, ir, block, diagnostics);
  if (diagnostics.length > 0 || model === null) return { setup: null, diagnostics };
  const sampling: SamplingSettings = {
    samples,
    temperature: options.temperature !== undefined ? number(options.temperature, "--temperature", 0) : (block.temperature ?? EVAL_DEFAULTS.temperature),
    top_p: options.topP !== undefined ? number(options.topP, "--top-p", Number.MIN_VALUE, 1) : (block.top_p ?? EVAL_DEFAULTS.top_p),
    max_tokens: options.maxTokens !== undefined ? int(options.maxTokens, "--max-tokens", 1) : (block.max_tokens ?? EVAL_DEFAULTS.max_tokens),
    seed: options.seed !== undefined ? int(options.seed, "--seed", 0) : (ir?.seed ?? DEFAULT_EVAL_SEED),
  };
  const prompts = promptSettings(ir?.template ?? null, options.template ?? defaultFormat(model));
  const cacheDir = resolve(baseDir, options.cacheDir !== undefined ? resolve(cwd, options.cacheDir) : (ir?.cache_dir ?? ".hintc-cache"));
  const outDir = resolve(cwd, options.out ?? `eval/${slug(modelName(model))}`);
  const limit = options.limit !== undefined ? int(options.limit, "--limit", 1) : null;
  return { setup: { benchmarks, sampling, k: [...new Set(k)].sort((a, b) => a - b), limit, prompts, model, baseDir, cacheDir, outDir }, diagnostics };
}

/** The command line's endpoint, else the spec's `eval.endpoint`, else a local model (--local or the spec's train.model). */
function modelChoice(options: EvalOptions, ir: HintIR | null, block: Partial<Eval>, diagnostics: Diagnostic[]): ModelChoice | null {
  if (options.baseUrl !== undefined && options.local !== undefined) throw new UsageError("--base-url and --local cannot be used together");
  if (options.local !== undefined) return { kind: "local", model: { kind: "hf", path: options.local }, python: options.python ?? null, device: options.device ?? "auto" };
  const spec = block.endpoint ?? null;
  if (options.baseUrl !== undefined || spec !== null) {
    const model = options.model ?? spec?.model;
    if (model === undefined) throw new UsageError("--base-url needs --model (the model name the server knows)");
    const apiKey = options.apiKeyEnv !== undefined ? { env: envName(options.apiKeyEnv) } : (spec?.api_key ?? null);
    const endpoint: Endpoint = {
      base_url: options.baseUrl ?? spec!.base_url,
      model,
      api_key: apiKey,
      timeout_ms: options.timeout !== undefined ? Math.round(number(options.timeout, "--timeout", 0.001) * 1000) : (spec?.timeout_ms ?? ENDPOINT_DEFAULTS.timeout_ms),
      retries: options.retries !== undefined ? int(options.retries, "--retries", 0) : (spec?.retries ?? ENDPOINT_DEFAULTS.retries),
      concurrency: options.concurrency !== undefined ? int(options.concurrency, "--concurrency", 1) : (spec?.concurrency ?? ENDPOINT_DEFAULTS.concurrency),
    };
    const samplesPerRequest = options.samplesPerRequest === undefined ? null : int(options.samplesPerRequest, "--samples-per-request", 1);
    return { kind: "endpoint", endpoint, api: options.api ?? "chat", samplesPerRequest };
  }
  const train = ir?.train;
  if (train !== undefined) return { kind: "local", model: train.model, python: options.python ?? train.engine.python, device: options.device ?? train.engine.device };
  const help = ["give an endpoint: --base-url http://127.0.0.1:8000/v1 --model NAME", "or a local model folder: --local models/Qwen2.5-Math-1.5B"];
  diagnostics.push(diagnostic("HC7005", { reason: "no endpoint (--base-url, or the spec's eval { endpoint { … } }) and no local model (--local, or the spec's train { model })" }, { help }));
  return null;
}

/** Local models see text prompts; builtin models know no chat template. */
function defaultFormat(model: ModelChoice): HintIR["template"]["format"] {
  return model.kind === "local" && model.model.kind === "builtin" ? "raw" : "qwen";
}

function modelName(model: ModelChoice): string {
  if (model.kind === "endpoint") return model.endpoint.model;
  return model.model.kind === "hf" ? basename(model.model.path) : "builtin";
}

/** A folder name from a model name: `Qwen/Qwen2.5-Math-7B` → `Qwen_Qwen2.5-Math-7B`. */
export function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "") || "model";
}

function list(text: string, flag: string): string[] {
  const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (items.length === 0) throw new UsageError(`${flag} needs at least one value`);
  return items;
}

function envName(text: string): string {
  // Never echo the text: a user who pasted the key itself must not see it in a log.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) throw new UsageError("--api-key-env takes the name of an environment variable (like OPENAI_API_KEY), not the key itself");
  return text;
}

function int(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer ≥ ${min}, got ${text}`);
  return n;
}

function number(text: string, flag: string, min: number, max = Infinity): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} must be a number in [${min === Number.MIN_VALUE ? "0 (exclusive)" : min}, ${max}], got ${text}`);
  return n;
}
