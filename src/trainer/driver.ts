/**
 * The step loop of `hintc run`: sample problems → build groups → generate → reward → advantages →
 * train_step → log, with held-out evaluation every eval_every steps, checkpoints every checkpoint_every steps
 * and at the end, exact resumption from the last checkpoint, and a clean stop on the abort signal (the step
 * in progress finishes and is saved). User errors come back as diagnostics; an engine failure ends the run
 * with HC6010 and leaves the last checkpoint usable.
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { diagnostic, hasErrors, type Diagnostic } from "../diagnostics/index.ts";
import type { HintIR, Train } from "../ir/index.ts";
import { DEFAULT_SHUFFLE_BUFFER, ProblemLoader, readSplit, type RowSource } from "../runtime/loader/loader.ts";
import type { ProblemRecord } from "../runtime/loader/record.ts";
import { checkProvenance, jsonDifferences } from "../runtime/loader/provenance.ts";
import { emptyBudget, scheduleBudget, type BudgetCount, type ScheduleBudget } from "./budget.ts";
import { readLatestCheckpoint, resumeHash, writeCheckpoint, type TrainerState } from "./checkpoint.ts";
import { evaluate } from "./evaluate.ts";
import { stepMetrics, type EvalMetrics, type StepMetrics } from "./metrics.ts";
import { EngineError, type Engine, type EngineConfig, type EngineInfo } from "./protocol/engine.ts";
import { modelWithAbsolutePaths } from "./protocol/model-paths.ts";
import type { Judge } from "./rollouts.ts";
import { RunDir } from "./run-dir.ts";
import { createSchedule, type Schedule } from "./schedules.ts";
import { runStep, type StepOutcome } from "./step.ts";

/** A data set opened for training: its rows and its provenance (schema metadata `hintc`, text or decoded). */
export interface TrainingData extends RowSource {
  provenance: unknown;
}

export interface RunOptions {
  /** The run's IR; it must have a train section. */
  ir: HintIR & { train: Train };
  /** The folder the spec's relative paths start from. */
  specDir: string;
  /** SHA-256 of the spec's text, when known (a data set compiled from the same text skips the field check). */
  specSha256?: string;
  resume: boolean;
  data: TrainingData;
  judge: Judge;
  /** Starts the engine (the CLI passes the Python worker's launcher); runDir is where it may keep a log. */
  launchEngine(config: EngineConfig, engine: Train["engine"], runDir: string): Promise<Engine>;
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
  shuffleBuffer?: number;
}

export type RunEvent =
  | { kind: "start"; step: number; steps: number; engine: EngineInfo; budget: ScheduleBudget; runDir: string; resumed: boolean }
  | { kind: "step"; metrics: StepMetrics }
  | { kind: "eval"; metrics: EvalMetrics }
  | { kind: "checkpoint"; step: number; dir: string }
  | { kind: "diagnostic"; diagnostic: Diagnostic };

export interface RunResult {
  status: "completed" | "interrupted" | "failed";
  /** Steps completed. */
  step: number;
  /** Every diagnostic of the run (also sent as events as they happened). */
  diagnostics: Diagnostic[];
  /** The last checkpoint written or resumed from. */
  checkpoint: string | undefined;
  /** Rollouts and tokens spent by the whole run (over resumptions), for comparing schedules. */
  budget: BudgetCount;
}

/** Trains as the spec says; never throws for user errors or engine failures. */
export async function runTraining(options: RunOptions): Promise<RunResult> {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => {
    diagnostics.push(d);
    options.onEvent({ kind: "diagnostic", diagnostic: d });
  };
  const failed = (step = 0, checkpoint?: string, budget = emptyBudget()): RunResult => ({ status: "failed", step, diagnostics, checkpoint, budget });
  const runDir = new RunDir(resolve(options.specDir, options.ir.train.run_dir));
  const start = await startingPoint(options, runDir, report);
  if (start === undefined) return failed();
  for (const d of checkProvenance(options.data.path, options.data.provenance, options.ir, options.specSha256)) report(d);
  if (hasErrors(diagnostics)) return failed();
  const session = new Session(options, runDir, start, report);
  try {
    return { ...(await session.run()), diagnostics, budget: session.budget };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    report(engineFailure(error, session.step + 1, session.checkpoint, session.checkpointStep));
    return failed(session.step, session.checkpoint, session.budget);
  } finally {
    await session.close();
  }
}

/** Where the run starts: a fresh run, or the state of its last checkpoint. */
interface StartingPoint {
  state: TrainerState | undefined;
  checkpoint: string | undefined;
}

async function startingPoint(options: RunOptions, runDir: RunDir, report: (d: Diagnostic) => void): Promise<StartingPoint | undefined> {
  const found = await readLatestCheckpoint(runDir.path);
  if (typeof found === "string") {
    report(diagnostic("HC6014", { path: runDir.path, reason: found }));
    return undefined;
  }
  if (!options.resume) {
    if (found === undefined) return { state: undefined, checkpoint: undefined };
    const help = ["pass --resume to continue it, or remove the folder or change train.run_dir to start a new run"];
    report(diagnostic("HC6007", { path: runDir.path, step: found.state.step }, { help }));
    return undefined;
  }
  if (found === undefined) {
    report(diagnostic("HC6008", { path: runDir.path }, { help: ["run without --resume to start the run"] }));
    return undefined;
  }
  if (found.state.ir_sha256 !== resumeHash(options.ir)) {
    const first = jsonDifferences({ ...found.state.ir, train: { ...found.state.ir.train, steps: 0 } }, { ...options.ir, train: { ...options.ir.train, steps: 0 } })[0];
    const args = { path: runDir.path, field: first?.path ?? "(formatting)", saved: first?.compiled ?? "?", spec: first?.spec ?? "?" };
    report(diagnostic("HC6009", args, { help: ["resume with the spec the run started with, or start a new run in another run_dir"] }));
    return undefined;
  }
  return { state: found.state, checkpoint: found.dir };
}

function engineFailure(error: EngineError, step: number, checkpoint: string | undefined, checkpointStep: number): Diagnostic {
  // The client keeps a bounded tail (40 lines); all of it is shown, since a Python fatal error's first line and
  // an exception's last line are both the informative ones.
  const tail = error.stderrTail.split("\n").filter((line) => line.trim() !== "");
  const help = [
    ...(tail.length > 0 ? ["engine stderr (last lines):", ...tail.map((l) => `  ${l}`)] : ["the engine wrote nothing to stderr"]),
    checkpoint === undefined
      ? "no checkpoint was saved yet: the run must start again"
      : `the last checkpoint (step ${checkpointStep}, ${checkpoint}) is intact: hintc run SPEC --resume continues from it`,
  ];
  const when = step <= 1 && checkpoint === undefined ? "before the first step finished" : `at step ${step}`;
  return diagnostic("HC6010", { when, message: error.message }, { help });
}

/** One process's run: the engine, loader and schedule between start and stop. */
class Session {
  step: number;
  checkpoint: string | undefined;
  checkpointStep: number;
  private engine: Engine | undefined;
  private loader: ProblemLoader | undefined;
  private spent: BudgetCount = emptyBudget();

  /** What the run spent so far. */
  get budget(): BudgetCount {
    return this.spent;
  }
  private readonly began = performance.now();

  constructor(
    private readonly options: RunOptions,
    private readonly runDir: RunDir,
    private readonly start: StartingPoint,
    private readonly report: (d: Diagnostic) => void,
  ) {
    this.step = start.state?.step ?? 0;
    this.checkpoint = start.checkpoint;
    this.checkpointStep = this.step;
  }

  async run(): Promise<Omit<RunResult, "diagnostics" | "budget">> {
    const evalProblems = await this.heldOut();
    const schedule = await this.prepare();
    if (!this.start.state && evalProblems.length > 0) await this.evaluate(evalProblems);
    return this.loop(schedule, evalProblems);
  }

  /** Starts the engine (restoring its checkpoint), the logs and the loader; announces the run. */
  private async prepare(): Promise<Schedule> {
    const { ir } = this.options;
    const state = this.start.state;
    await mkdir(this.runDir.path, { recursive: true });
    this.engine = await this.options.launchEngine(engineConfig(ir, this.options.specDir), ir.train.engine, this.runDir.path);
    if (state) {
      await this.engine.load(join(this.start.checkpoint!, "engine"));
      await this.runDir.rewind(state.logs);
    } else {
      await this.runDir.create(ir);
    }
    this.loader = new ProblemLoader(this.options.data, {
      split: trainingSplit(ir),
      seed: ir.seed,
      rank: 0,
      worldSize: 1,
      shuffleBuffer: this.options.shuffleBuffer ?? DEFAULT_SHUFFLE_BUFFER,
      ...(state ? { start: state.loader } : {}),
      report: this.report,
    });
    this.spent = state?.budget ?? emptyBudget();
    const budget = scheduleBudget(ir.levels, typicalHintLevels(ir));
    const info = this.engine.info;
    this.options.onEvent({ kind: "start", step: this.step, steps: ir.train.steps, engine: info, budget, runDir: this.runDir.path, resumed: state !== undefined });
    return createSchedule(ir.levels.schedule, ir.levels, state?.schedule);
  }

  private async loop(schedule: Schedule, evalProblems: ProblemRecord[]): Promise<Omit<RunResult, "diagnostics" | "budget">> {
    const { ir } = this.options;
    const train = ir.train;
    const stepTimes: number[] = [];
    while (this.step < train.steps) {
      if (this.options.signal.aborted) return this.interrupted(schedule);
      const stepStart = performance.now();
      const problems = await this.loader!.take(train.problems_per_step);
      if (problems.length === 0) return { status: "failed", step: this.step, checkpoint: this.checkpoint };
      const context = { engine: this.engine!, judge: this.options.judge, schedule, train, placement: ir.levels.placement, seed: ir.seed };
      const outcome = await runStep(context, problems, this.step + 1);
      this.step += 1;
      stepTimes.push((performance.now() - stepStart) / 1000);
      await this.log(outcome, stepTimes);
      const last = this.step === train.steps;
      if (evalProblems.length > 0 && (this.step % train.eval_every === 0 || last)) await this.evaluate(evalProblems);
      if (this.step % train.checkpoint_every === 0 || last) await this.save(schedule);
    }
    return { status: "completed", step: this.step, checkpoint: this.checkpoint };
  }

  /** Stops after the step that was running when the signal came, saving it unless it is saved already. */
  private async interrupted(schedule: Schedule): Promise<Omit<RunResult, "diagnostics" | "budget">> {
    if (this.checkpointStep !== this.step || this.checkpoint === undefined) await this.save(schedule);
    return { status: "interrupted", step: this.step, checkpoint: this.checkpoint };
  }

  private async log(outcome: StepOutcome, stepTimes: number[]): Promise<void> {
    const steps = this.options.ir.train.steps;
    const metrics = stepMetrics(outcome, {
      epoch: this.loader!.position().epoch,
      stepSeconds: stepTimes.at(-1)!,
      elapsed: this.elapsed(),
      stepsLeft: steps - this.step,
      budget: this.spent,
    });
    metrics.eta = (steps - this.step) * mean(stepTimes);
    this.spent = metrics.budget;
    await this.runDir.logMetrics(metrics);
    await this.runDir.logRollouts(outcome);
    this.options.onEvent({ kind: "step", metrics });
  }

  async close(): Promise<void> {
    await this.loader?.close();
    await this.engine?.shutdown().catch(() => undefined);
  }

  /** Seconds trained, over this session and the ones before it. */
  private elapsed(): number {
    return (this.start.state?.elapsed ?? 0) + (performance.now() - this.began) / 1000;
  }

  private async heldOut(): Promise<ProblemRecord[]> {
    const { ir, data } = this.options;
    const { split, problems } = ir.train.eval;
    if (problems === 0) return [];
    const found = await readSplit(data, split, problems, this.report);
    if (found.length === 0) this.report(diagnostic("HC6012", { path: data.path, split }));
    return found;
  }

  private async evaluate(problems: ProblemRecord[]): Promise<void> {
    const metrics = await evaluate(this.engine!, this.options.judge, problems, this.options.ir, this.step);
    await this.runDir.logMetrics(metrics);
    this.options.onEvent({ kind: "eval", metrics });
  }

  private async save(schedule: Schedule): Promise<void> {
    const { ir } = this.options;
    const state: TrainerState = {
      format: "hintc-checkpoint",
      version: 1,
      step: this.step,
      loader: this.loader!.position(),
      schedule: schedule.save(),
      budget: this.spent,
      elapsed: this.elapsed(),
      rng: { seed: ir.seed, step: this.step },
      logs: await this.runDir.lengths(),
      ir,
      ir_sha256: resumeHash(ir),
    };
    this.checkpoint = await writeCheckpoint(this.runDir.path, state, (dir) => this.engine!.save(dir));
    this.checkpointStep = this.step;
    this.options.onEvent({ kind: "checkpoint", step: this.step, dir: this.checkpoint });
  }
}

/** The split trained on: the one named "train", else the first that is not held out. */
export function trainingSplit(ir: HintIR & { train: Train }): string {
  const names = ir.splits.map((s) => s.name);
  if (names.includes("train")) return "train";
  return names.find((n) => n !== ir.train.eval.split) ?? names[0]!;
}

/** The hint levels a typical problem has, for the budget shown at the start. */
function typicalHintLevels(ir: HintIR): number {
  if (Array.isArray(ir.levels.hints)) return ir.levels.hints.length;
  return Math.max((ir.partition.steps ?? 4) - 1, 0);
}

/** The engine's configuration, with the model's paths made absolute (the engine runs in its own folder). */
export function engineConfig(ir: HintIR & { train: Train }, specDir: string): EngineConfig {
  const { train } = ir;
  return {
    model: modelWithAbsolutePaths(train.model, specDir),
    seed: ir.seed,
    device: train.engine.device,
    strategy: train.engine.strategy,
    optimizer: { lr: train.lr, weight_decay: train.weight_decay, betas: train.betas, grad_clip: train.grad_clip },
    reference_model: train.kl > 0,
  };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
}
