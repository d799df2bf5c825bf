/**
 * runEval: benchmarks → problems → responses (a sampler) → verdicts (the verifier pool) → pass@1, pass@k and
 * the audit files. Benchmarks run one after another; within one, problems stream through the sampler in
 * order, and each problem's responses are checked while later problems are still being sampled.
 */
import { join } from "node:path";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import { orderedMap } from "../generate/index.ts";
import type { AnswerChecker, SourceContext } from "../sources/index.ts";
import type { Verdict } from "../verify/index.ts";
import type { Benchmark } from "./benchmarks.ts";
import { benchmarkPrompt, userTemplate, type PromptSettings } from "./prompts.ts";
import { readBenchmark } from "./read-benchmark.ts";
import { type BenchmarkResult, type EvalResults, type VerdictLine, VerdictFile, verdictsFileName, writeResults } from "./results.ts";
import type { SampledProblem, Sampler, SamplingSettings } from "./sampler.ts";
import { type EvalStatus, Tally } from "./tally.ts";

export interface EvalPlan {
  benchmarks: Benchmark[];
  settings: SamplingSettings;
  /** The k of pass@k reported (each ≤ samples). */
  k: number[];
  prompts: PromptSettings;
  /** At most this many problems per benchmark (null: all). */
  limit: number | null;
  /** The output folder, absolute. */
  outDir: string;
  hintcVersion: string;
}

/** Progress of the benchmark being evaluated, for the CLI. */
export interface EvalProgress {
  benchmark: string;
  /** 1-based position among the run's benchmarks, and how many there are. */
  index: number;
  of: number;
  problemsDone: number;
  /** Problems the benchmark will have, when known. */
  problemsTotal: number | null;
  correct: number;
  samplesDone: number;
  elapsedSeconds: number;
  done: boolean;
}

export interface EvalContext extends SourceContext {
  onEvalProgress?: (progress: EvalProgress) => void;
}

export interface EvalOutcome {
  diagnostics: Diagnostic[];
  /** Null when nothing was written (a fatal error or an interruption). */
  results: EvalResults | null;
  files: string[];
}

/** Codes after which the run cannot give meaningful results: the endpoint refuses everything, a cache cannot be written. */
const FATAL = new Set(["HC3010", "HC3012", "HC0005"]);
/** Problems whose verdicts may be pending at once, ahead of the one being written. */
const CHECK_WINDOW = 16;

/**
 * Runs the plan. User errors are diagnostics, never thrown: each goes to ctx.report as it happens, and the
 * outcome lists them all again. Throws for bugs, and what the sampler throws (an engine failure).
 */
export async function runEval(plan: EvalPlan, sampler: Sampler, checker: AnswerChecker, ctx: EvalContext): Promise<EvalOutcome> {
  const diagnostics: Diagnostic[] = [...sampler.preflight()];
  diagnostics.forEach((d) => ctx.report(d));
  if (diagnostics.length > 0) return { diagnostics, results: null, files: [] };
  let fatal = false;
  const watched: EvalContext = {
    ...ctx,
    report: (d) => {
      diagnostics.push(d);
      if (FATAL.has(d.code)) fatal = true;
      ctx.report(d);
    },
  };
  const results: BenchmarkResult[] = [];
  const files: string[] = [];
  try {
    for (const [i, benchmark] of plan.benchmarks.entries()) {
      const result = await runBenchmark(plan, benchmark, { sampler, checker, ctx: watched, index: i + 1, stopped: () => fatal });
      if (fatal) return { diagnostics, results: null, files };
      results.push(result.result);
      files.push(result.file);
      if (result.result.problems === 0) watched.report(diagnostic("HC7006", { benchmark: benchmark.name }));
      const missing = result.result.statuses.missing;
      if (missing > 0) {
        const total = result.result.problems * result.result.samples;
        watched.report(diagnostic("HC7004", { benchmark: benchmark.name, missing, total }, { help: ["run the same command again: answers already received are cached, only the missing requests are sent"] }));
      }
    }
  } catch (error) {
    if (ctx.signal?.aborted !== true) throw error;
    const d = diagnostic("HC7007", { path: plan.outDir });
    ctx.report(d);
    return { diagnostics: [...diagnostics, d], results: null, files };
  }
  const complete = results.every((r) => r.statuses.missing === 0);
  const { settings } = plan;
  const evalResults: EvalResults = {
    format: "hintc-eval",
    version: 1,
    hintc_version: plan.hintcVersion,
    model: sampler.model,
    settings: { samples: settings.samples, k: plan.k, temperature: settings.temperature, top_p: settings.top_p, max_tokens: settings.max_tokens, seed: settings.seed, limit: plan.limit },
    complete,
    benchmarks: results,
  };
  files.push(...(await writeResults(plan.outDir, evalResults)));
  return { diagnostics, results: evalResults, files };
}

interface Runners {
  sampler: Sampler;
  checker: AnswerChecker;
  ctx: EvalContext;
  index: number;
  /** True once a fatal diagnostic came: the benchmark's verdicts file is then not kept. */
  stopped: () => boolean;
}

async function runBenchmark(plan: EvalPlan, benchmark: Benchmark, run: Runners): Promise<{ result: BenchmarkResult; file: string }> {
  const prompt = benchmarkPrompt(plan.prompts, benchmark.kind);
  const tally = new Tally(plan.settings.samples);
  const fileName = verdictsFileName(benchmark.name);
  const out = await VerdictFile.create(join(plan.outDir, fileName));
  const progress = progressOf(plan, benchmark, run, tally);
  try {
    const problems = readBenchmark(benchmark, run.ctx, plan.limit);
    const sampled = run.sampler.sample(problems, prompt, plan.settings, benchmark);
    for await (const lines of orderedMap(sampled, (s) => judge(s, benchmark, run.checker), CHECK_WINDOW)) {
      tally.add(lines.map((l) => l.status));
      await out.append(lines);
      progress(false);
    }
    if (run.stopped()) await out.discard();
    else await out.commit();
  } catch (error) {
    await out.discard();
    throw error;
  }
  progress(true);
  const result: BenchmarkResult = {
    name: benchmark.name,
    title: benchmark.title,
    file: benchmark.shown,
    check: benchmark.check,
    prompt: { system: prompt.system, user: userTemplate(prompt), format: prompt.template.format },
    verdicts_file: fileName,
    ...tally.metrics(plan.k),
  };
  return { result, file: join(plan.outDir, fileName) };
}

/** The verdict lines of one problem: every response checked, a missing one recorded as such. */
async function judge(sampled: SampledProblem, benchmark: Benchmark, checker: AnswerChecker): Promise<VerdictLine[]> {
  const { problem, responses } = sampled;
  const verdicts = await Promise.all(responses.map((r) => (r === null ? null : checker.check(benchmark.check, problem.gold, r))));
  return verdicts.map((v, sample) => line(benchmark.name, sampled, sample, v));
}

function line(benchmark: string, sampled: SampledProblem, sample: number, verdict: Verdict | null): VerdictLine {
  const { problem, responses } = sampled;
  const status: EvalStatus = verdict === null ? "missing" : verdict.status;
  return {
    benchmark,
    problem_id: problem.id,
    row: problem.row,
    sample,
    gold: problem.gold,
    extracted: verdict?.extracted ?? null,
    status,
    correct: verdict?.correct ?? false,
    reason: verdict?.reason ?? "no response from the model: the request failed after its retries",
    question: problem.question,
    response: responses[sample] ?? null,
  };
}

function progressOf(plan: EvalPlan, benchmark: Benchmark, run: Runners, tally: Tally): (done: boolean) => void {
  const started = performance.now();
  const total = benchmark.problems === null ? null : plan.limit === null ? benchmark.problems : Math.min(plan.limit, benchmark.problems);
  return (done) =>
    run.ctx.onEvalProgress?.({
      benchmark: benchmark.name,
      index: run.index,
      of: plan.benchmarks.length,
      problemsDone: tally.problems,
      problemsTotal: total,
      correct: tally.correct,
      samplesDone: tally.problems * plan.settings.samples,
      elapsedSeconds: (performance.now() - started) / 1000,
      done,
    });
}
