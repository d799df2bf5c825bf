/**
 * `hintc eval [SPEC]`: score a model on math benchmarks (and ARC-Challenge, GPQA-Diamond) with pass@1 over n
 * samples and unbiased pass@k. The model sits behind an OpenAI-compatible endpoint or runs locally in the
 * engine. Writes results.json, results.csv and a verdicts file per benchmark; prints a table.
 */
import { relative } from "node:path";
import { Option, type Command } from "commander";
import { compile } from "../../compiler/index.ts";
import { hasErrors, type Diagnostic } from "../../diagnostics/index.ts";
import type { HintIR } from "../../ir/index.ts";
import { BUNDLED_BENCHMARKS, runEval, type EvalOutcome, type EvalPlan, type Sampler } from "../../runtime/eval/index.ts";
import { VerifierPool } from "../../runtime/verify/index.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { progressReporter, resultsTable } from "../eval/report.ts";
import { openSampler, samplerFailure } from "../eval/samplers.ts";
import { evalSetup, type EvalOptions, type EvalSetup } from "../eval/settings.ts";
import { EXIT } from "../exit.ts";
import { countLine, diagnosticsJson, printDiagnostics, printJson, type Sources } from "../report.ts";
import { HINTC_VERSION } from "../version.ts";

const EXAMPLES = `
Examples:
  hintc eval --base-url http://127.0.0.1:8000/v1 --model Qwen2.5-Math-7B -n 16 --k 1,16
  hintc eval --base-url https://api.example.com/v1 --model m --api-key-env EXAMPLE_API_KEY --benchmarks aime24,aime25
  hintc eval --local models/Qwen2.5-Math-1.5B --benchmarks math500 --limit 50
  hintc eval spec.hint                          the spec's eval { … } block (and its template)
  hintc eval ... --benchmarks arc_challenge,gpqa:data/gpqa_diamond.jsonl   out of domain
Bundled benchmarks: ${BUNDLED_BENCHMARKS.join(", ")}; GPQA-Diamond from your own copy as gpqa:PATH.
`;

export const evalCommand: CliCommand = {
  name: "eval",
  configure: (command: Command) =>
    command
      .description("score a model on math benchmarks (pass@1 over n samples, unbiased pass@k); endpoint or local model")
      .argument("[spec]", "a .hint spec whose eval { … } block, template and cache_dir are used")
      .option("--benchmarks <list>", "comma-separated: bundled names and gpqa:PATH (default: the spec's, else the six math sets)")
      .option("--base-url <url>", "an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 (vLLM, SGLang, Ollama, llama.cpp, hosted)")
      .option("--model <name>", "the model name the endpoint knows")
      .option("--api-key-env <NAME>", "the environment variable holding the endpoint's API key (never the key itself)")
      .addOption(new Option("--api <api>", "how prompts are sent: chat messages, or completions (text, hintc applies --template)").choices(["chat", "completions"]))
      .option("--concurrency <n>", "requests in flight (default 8)")
      .option("--timeout <seconds>", "per request (default 600)")
      .option("--retries <n>", "attempts after the first (default 3)")
      .option("--samples-per-request <n>", "the most samples asked for in one request (servers that limit n)")
      .option("--local <folder>", "a local Hugging Face model folder, run by hintc's engine")
      .option("--python <path>", "the Python (with torch) the engine runs on")
      .addOption(new Option("--device <device>", "where the engine runs").choices(["auto", "cpu", "cuda"]))
      .addOption(new Option("--template <format>", "chat template for text prompts when no spec gives one (default qwen)").choices(["qwen", "chatml", "llama3", "deepseek-r1", "raw"]))
      .option("-n, --samples <n>", "samples per problem (default: the spec's, else 1)")
      .option("--k <list>", "the k of pass@k, comma-separated (default: the spec's, else 1)")
      .option("--temperature <t>", "sampling temperature (default 0.6)")
      .option("--top-p <p>", "nucleus sampling (default 0.95)")
      .option("--max-tokens <n>", "longest response (default 8192)")
      .option("--seed <n>", "the local engine's sampling seed (default: the spec's seed, else 0)")
      .option("--limit <n>", "at most n problems per benchmark (a quick check)")
      .option("-o, --out <folder>", "where results go (default eval/<model>)")
      .option("--cache-dir <folder>", "the generation cache (default: the spec's cache_dir, else .hintc-cache)")
      .option("--json", "print the results and diagnostics as JSON")
      .addHelpText("after", EXAMPLES),
  run: (context: CommandContext, spec: string | undefined, options: EvalOptions) => runEvalCommand(context, spec ?? null, options),
};

async function runEvalCommand(context: CommandContext, spec: string | null, options: EvalOptions): Promise<number> {
  const { io } = context;
  const sources: Sources = new Map();
  let ir: HintIR | null = null;
  const diagnostics: Diagnostic[] = [];
  if (spec !== null) {
    const compiled = await compile(spec, { cwd: io.cwd });
    if (compiled.source) sources.set(compiled.source.path, compiled.source.text);
    diagnostics.push(...compiled.diagnostics);
    if (hasErrors(compiled.diagnostics) || compiled.ir === null) return finish(context, options, diagnostics, sources, null, null);
    ir = compiled.ir;
  }
  const { setup, diagnostics: problems } = evalSetup(options, ir, spec, io.cwd);
  diagnostics.push(...problems);
  if (setup === null) return finish(context, options, diagnostics, sources, null, null);
  const outcome = await evaluate(context, setup, options, diagnostics);
  return finish(context, options, diagnostics, sources, outcome, setup);
}

async function evaluate(context: CommandContext, setup: EvalSetup, options: EvalOptions, diagnostics: Diagnostic[]): Promise<EvalOutcome> {
  const { io } = context;
  const progress = options.json ? undefined : progressReporter(io);
  const ctx = {
    specDir: setup.baseDir,
    cacheDir: setup.cacheDir,
    env: io.env,
    signal: io.signal,
    report: (d: Diagnostic) => diagnostics.push(d),
    ...(progress ? { onEvalProgress: progress.update } : {}),
  };
  const pool = new VerifierPool();
  let sampler: Sampler | null = null;
  try {
    sampler = await openSampler(setup, ctx);
    const plan: EvalPlan = { benchmarks: setup.benchmarks, settings: setup.sampling, k: setup.k, prompts: setup.prompts, limit: setup.limit, outDir: setup.outDir, hintcVersion: HINTC_VERSION };
    // runEval reports through ctx.report (into `diagnostics`); its own list repeats them.
    const outcome = await runEval(plan, sampler, pool, ctx);
    return { ...outcome, diagnostics: [] };
  } catch (error) {
    const failure = samplerFailure(error);
    if (failure === null) throw error;
    return { diagnostics: [failure], results: null, files: [] };
  } finally {
    progress?.stop();
    await sampler?.close?.();
    await pool.close();
  }
}

function finish(context: CommandContext, options: EvalOptions, diagnostics: Diagnostic[], sources: Sources, outcome: EvalOutcome | null, setup: EvalSetup | null): number {
  const { io } = context;
  const all = [...diagnostics, ...(outcome?.diagnostics ?? [])];
  const ok = !hasErrors(all) && (setup === null || outcome?.results != null);
  const shown = (path: string) => relative(io.cwd, path) || ".";
  if (options.json) {
    printJson(io, { ok, out: setup ? shown(setup.outDir) : null, files: (outcome?.files ?? []).map(shown), results: outcome?.results ?? null, diagnostics: diagnosticsJson(all, sources) });
    return ok ? EXIT.ok : EXIT.input;
  }
  printDiagnostics(io, all, sources);
  if (outcome?.results) {
    io.stdout(`${resultsTable(outcome.results)}\n`);
    io.stdout(`wrote ${outcome.files.map(shown).join(", ")}\n`);
  }
  if (!ok && all.length > 0) io.stderr(`eval: ${countLine(all)}\n`);
  return ok ? EXIT.ok : EXIT.input;
}
