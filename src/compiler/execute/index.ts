/**
 * The executor: a checked IR → a data set file. Problems stream from the sources through verification,
 * partitioning, levels, templates and splits into the writer, several problems in flight at once but written
 * in source order; record batches are written as they fill, so memory does not grow with the data.
 * User errors come back as diagnostics; an abort (Ctrl-C) leaves the target untouched (HC5006).
 */
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { diagnostic, hasErrors, type Diagnostic } from "../../diagnostics/index.ts";
import type { HintIR } from "../../ir/index.ts";
import {
  createDatasetWriter,
  provenanceHead,
  SplitAssigner,
  type DatasetFormat,
  type DatasetWriter,
  type WrittenDataset,
} from "../../runtime/dataset/index.ts";
import { sourceProblems } from "../../runtime/generate/index.ts";
import { orderedMap } from "../../runtime/generate/ordered.ts";
import { PartitionStage, type StageContext } from "../../runtime/partition/index.ts";
import type { AnswerChecker, Problem, SourceContext } from "../../runtime/sources/index.ts";
import { hashInputs } from "./inputs.ts";
import { resolveOutput, type OutputOverrides, type ResolvedOutput } from "./output.ts";
import { processProblem, type ProblemOutcome } from "./problem.ts";
import { ProgressThrottle, type ExecuteProgress } from "./progress.ts";
import { RejectsWriter } from "./rejects.ts";
import { ScorerEngine } from "./scorer-engine.ts";
import { Tally } from "./tally.ts";
import { engineErrorDiagnostic, type EngineError } from "../../trainer/protocol/index.ts";

export type { ExecuteProgress } from "./progress.ts";
export { resolveOutput, type OutputOverrides, type ResolvedOutput } from "./output.ts";

export interface ExecuteOptions {
  hintcVersion: string;
  /** The spec as read: its name and text go into the provenance. */
  spec: { file: string; text: string };
  /** The spec's folder: relative paths in the IR are resolved from it. */
  specDir: string;
  /** The working folder: `-o` is relative to it. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  output?: OutputOverrides;
  /** The chain verifier (VerifierPool); the caller opens and closes it. */
  checker: AnswerChecker;
  onProgress?: (progress: ExecuteProgress) => void;
  /** Tokenizer worker threads (default: one fewer than the cores, at least one). */
  threads?: number;
  /** Problems in flight at once (default 16: enough to keep the tokenizer workers busy). */
  window?: number;
}

export interface ExecuteReport {
  diagnostics: Diagnostic[];
  /** The data set written, or null when the compile stopped early. */
  dataset: (WrittenDataset & { shown: string; format: DatasetFormat }) | null;
  rejects: { path: string; shown: string; count: number } | null;
  counts: Tally["counts"] | null;
  /** The partition stage's statistics (also stored in the provenance). */
  stats: Record<string, unknown>;
}

/** Builds the data set an IR describes. Never throws for user errors; rethrows only bugs. */
export async function executeDataset(ir: HintIR, options: ExecuteOptions): Promise<ExecuteReport> {
  const engine = ScorerEngine.forIr(ir, options.specDir, options.env, options.signal);
  let report: ExecuteReport | null = null;
  try {
    report = await buildDataset(ir, options, engine);
  } finally {
    await engine?.close(report?.dataset != null);
  }
  return engine?.failure ? withEngineFailure(report, engine.failure) : report;
}

async function buildDataset(ir: HintIR, options: ExecuteOptions, engine: ScorerEngine | null): Promise<ExecuteReport> {
  const output = resolveOutput(ir, options.specDir, options.cwd, options.output);
  const diagnostics: Diagnostic[] = [...output.warnings];
  const empty = (more: Diagnostic[]): ExecuteReport => ({ diagnostics: [...diagnostics, ...more], dataset: null, rejects: null, counts: null, stats: {} });

  const inputs = await hashInputs(ir, options.specDir);
  if ("diagnostics" in inputs) return empty(inputs.diagnostics);
  const stageContext: StageContext = {
    specDir: options.specDir,
    env: options.env,
    signal: options.signal,
    threads: options.threads ?? tokenizerThreads(),
    ...(engine ? { engine } : {}),
  };
  const opened = await PartitionStage.open(ir, stageContext);
  diagnostics.push(...opened.diagnostics);
  if (opened.stage === null) return empty([]);
  const stage = opened.stage;
  try {
    const head = provenanceHead({ hintcVersion: options.hintcVersion, specFile: options.spec.file, specText: options.spec.text, ir, inputs: inputs.files });
    const files = await openOutputs(output, ir, head);
    if ("diagnostics" in files) return empty(files.diagnostics);
    const run = new Run(ir, options, stage, files.writer, files.rejects, output);
    return await run.execute(diagnostics);
  } finally {
    await stage.close();
  }
}

/**
 * When the scorer's engine failed, its own diagnostic (with the worker's last stderr lines, or how to install
 * torch) stands in for the partition stage's HC4003, which could only quote the error's first line.
 */
function withEngineFailure(report: ExecuteReport, failure: EngineError): ExecuteReport {
  const shown = engineErrorDiagnostic(failure);
  const diagnostics = report.diagnostics.filter((d) => d.code !== "HC4003");
  return diagnostics.length === report.diagnostics.length ? report : { ...report, diagnostics: [...diagnostics, shown] };
}

async function openOutputs(output: ResolvedOutput, ir: HintIR, head: ReturnType<typeof provenanceHead>): Promise<{ writer: DatasetWriter; rejects: RejectsWriter } | { diagnostics: Diagnostic[] }> {
  // A folder at the target would only fail at the final rename, after all the work: refuse it now.
  if ((await stat(output.path).catch(() => null))?.isDirectory()) {
    return { diagnostics: [diagnostic("HC5001", { path: output.shown, reason: "it is a folder" }, { help: ["give a file name with -o, e.g. -o out/data.arrow"] })] };
  }
  let writer: DatasetWriter | undefined;
  try {
    writer = await createDatasetWriter({ path: output.path, format: output.format, provenance: head, batchRows: ir.output.batch_rows });
    const rejects = await RejectsWriter.create(output.rejects);
    return { writer, rejects };
  } catch (error) {
    await writer?.abort();
    const failed = writer === undefined ? output.shown : output.rejectsShown;
    return { diagnostics: [diagnostic("HC5001", { path: failed, reason: systemReason(error) })] };
  }
}

/** One execution: the stream from sources to writer, and what it counted. */
class Run {
  private readonly tally = new Tally();
  private readonly splits: SplitAssigner;
  private readonly seen = new Set<string>();
  private readonly progress: ProgressThrottle;
  private failure: Diagnostic | null = null;
  private readonly reported: Diagnostic[] = [];

  constructor(
    private readonly ir: HintIR,
    private readonly options: ExecuteOptions,
    private readonly stage: PartitionStage,
    private readonly writer: DatasetWriter,
    private readonly rejects: RejectsWriter,
    private readonly output: ResolvedOutput,
  ) {
    this.splits = new SplitAssigner(ir.splits, ir.seed);
    this.progress = new ProgressThrottle(options.onProgress);
  }

  async execute(diagnostics: Diagnostic[]): Promise<ExecuteReport> {
    try {
      await this.stream();
    } catch (error) {
      await this.abandon();
      if (this.options.signal.aborted) return this.report(diagnostics, null, [diagnostic("HC5006", { path: this.output.shown })]);
      // A full disk or a vanished folder is the user's to fix; anything else is a bug.
      return this.report(diagnostics, null, [diagnostic("HC5001", { path: this.output.shown, reason: systemReason(error) })]);
    }
    if (this.failure !== null || hasErrors(this.reported)) {
      await this.abandon();
      return this.report(diagnostics, null, this.failure ? [this.failure] : []);
    }
    const stats = { partition: this.stage.stats.summary() };
    let written: WrittenDataset;
    try {
      // The rejects file first: the data set appearing is the sign that the compile finished.
      await this.rejects.commit();
      written = await this.writer.finish(this.tally.final(), stats);
    } catch (error) {
      await this.abandon();
      return this.report(diagnostics, null, [diagnostic("HC5001", { path: this.output.shown, reason: systemReason(error) })]);
    }
    this.progress.done(this.tally.counts);
    return this.report(diagnostics, written, this.closingWarnings());
  }

  private async stream(): Promise<void> {
    const window = this.options.window ?? 16;
    for (const source of this.ir.sources) {
      if (source.role !== "dataset") continue;
      const problems = this.unique(sourceProblems(source, this.ir.sources, this.sourceContext()));
      for await (const outcome of orderedMap(problems, (p) => this.process(p), window)) {
        this.options.signal.throwIfAborted();
        await this.write(outcome);
        if (this.failure !== null || hasErrors(this.reported)) return;
      }
    }
  }

  private process(problem: Problem): Promise<ProblemOutcome> {
    return processProblem(problem, this.splits.assign(problem.id), { ir: this.ir, stage: this.stage, checker: this.options.checker });
  }

  private async write(outcome: ProblemOutcome): Promise<void> {
    const split = outcome.rows[0]?.split ?? "";
    this.tally.add(outcome, split);
    this.failure ??= outcome.failure;
    for (const line of outcome.rejects) await this.rejects.add(line);
    for (const row of outcome.rows) await this.writer.append(row);
    this.progress.tick(this.tally.counts, this.tally.problemsRead);
  }

  /** Drops a problem whose id an earlier source already gave (ids must be unique in the data set). */
  private async *unique(problems: AsyncIterable<Problem>): AsyncGenerator<Problem> {
    for await (const problem of problems) {
      this.tally.problemsRead++;
      if (this.seen.has(problem.id)) {
        this.tally.dropped();
        this.reported.push(diagnostic("HC5011", { id: problem.id, source: problem.source }));
        continue;
      }
      this.seen.add(problem.id);
      yield problem;
    }
  }

  private sourceContext(): SourceContext {
    return {
      specDir: this.options.specDir,
      env: this.options.env,
      cacheDir: this.ir.cache_dir,
      signal: this.options.signal,
      report: (d) => this.reported.push(d),
      onProgress: (p) => this.tally.sourceProgress(p),
    };
  }

  private closingWarnings(): Diagnostic[] {
    const out: Diagnostic[] = [];
    const counts = this.tally.counts;
    if (counts.rows_written === 0) {
      out.push(diagnostic("HC5007", { path: this.output.shown, reason: `${this.tally.problemsRead} problems read, all dropped` }, { help: [`the rejects file ${this.output.rejectsShown} says why each chain was left out`] }));
      return out;
    }
    for (const split of this.ir.splits) {
      if (split.fraction > 0 && !this.tally.problemsPerSplit.has(split.name)) {
        out.push(diagnostic("HC5008", { split: split.name, problems: counts.problems_written }));
      }
    }
    return out;
  }

  private async abandon(): Promise<void> {
    await this.writer.abort();
    await this.rejects.abort();
  }

  private report(before: Diagnostic[], written: WrittenDataset | null, after: Diagnostic[]): ExecuteReport {
    return {
      diagnostics: [...before, ...capDuplicates(this.reported), ...after],
      dataset: written === null ? null : { ...written, shown: this.output.shown, format: this.output.format },
      rejects: written === null ? null : { path: this.output.rejects, shown: this.output.rejectsShown, count: this.rejects.count },
      counts: written === null ? null : this.tally.final(),
      stats: written === null ? {} : { partition: this.stage.stats.summary() },
    };
  }
}

/**
 * Tokenizer workers: one core fewer than the machine has (at least one), because the main thread has work of
 * its own (reading, verifying, building and writing batches), and each worker holds its own copy of the
 * tokenizer (about 150 MB for Qwen3's vocabulary).
 */
function tokenizerThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** At most ten HC5011 reports, then one line with the count (a merged corpus may repeat thousands). */
function capDuplicates(diagnostics: Diagnostic[]): Diagnostic[] {
  const repeats = diagnostics.filter((d) => d.code === "HC5011");
  if (repeats.length <= 10) return diagnostics;
  const others = diagnostics.filter((d) => d.code !== "HC5011");
  const more = { ...repeats[9]!, message: `${repeats.length - 9} more problems repeat ids given by earlier sources; dropped` };
  return [...others, ...repeats.slice(0, 9), more];
}

function systemReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === "EACCES" || e.code === "EPERM") return "permission denied";
  if (e.code === "ENOSPC") return "no space left on the device";
  if (e.code === "EISDIR") return "it is a folder";
  if (e.code === "ENOTDIR" || e.code === "EEXIST") return "a part of the path is a file, not a folder";
  if (e.code === "EROFS") return "the file system is read-only";
  // Any other system call failure (it has an errno code) is about the file system, not a bug in hintc.
  if (typeof e.code === "string" && typeof e.syscall === "string") return `${e.syscall} failed (${e.code})`;
  throw error;
}
