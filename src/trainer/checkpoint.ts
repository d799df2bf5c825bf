/**
 * Checkpoints: everything a run needs to continue exactly: the engine's state (weights, optimizer, its RNG,
 * saved by the engine into `engine/`), the loader's position, the schedule's memory, the budget spent, and how
 * far the metrics files had got. The trainer's own randomness derives from the seed and the step, so the
 * step is its RNG state.
 *
 * A checkpoint is written into a temporary folder and renamed into place, then `latest` is replaced
 * atomically, so a run killed at any moment leaves its previous checkpoint whole.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { HintIR } from "../ir/index.ts";
import type { LoaderPosition } from "../runtime/loader/loader.ts";
import type { BudgetCount } from "./budget.ts";
import type { ScheduleState } from "./schedules.ts";

export const CHECKPOINT_FORMAT = "hintc-checkpoint";
/** Checkpoints kept in a run folder; older ones are removed once a newer one is in place. */
export const CHECKPOINTS_KEPT = 3;

/** trainer.json: the trainer's side of a checkpoint. */
export interface TrainerState {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  /** Steps completed. */
  step: number;
  loader: LoaderPosition;
  schedule: ScheduleState;
  budget: BudgetCount;
  /** Seconds of training so far, over every resumption. */
  elapsed: number;
  /** The trainer derives every random draw from this seed and the step (see src/runtime/random.ts). */
  rng: { seed: number; step: number };
  /** Byte lengths of the run's log files when the checkpoint was taken; a resumed run cuts them back to these. */
  logs: Record<string, number>;
  /** The run's IR, to refuse resuming with another spec (train.steps may change). */
  ir: HintIR;
  ir_sha256: string;
}

/** The checkpoint folder of a step. */
export function checkpointName(step: number): string {
  return `step-${String(step).padStart(6, "0")}`;
}

export function checkpointsDir(runDir: string): string {
  return join(runDir, "checkpoints");
}

/** The IR's hash with train.steps left out, so a run may be resumed to train longer. */
export function resumeHash(ir: HintIR): string {
  const { train, ...rest } = ir;
  const comparable = train === undefined ? rest : { ...rest, train: { ...train, steps: 0 } };
  return createHash("sha256").update(canonicalJson(comparable)).digest("hex");
}

/** JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Writes a checkpoint: `saveEngine` fills the engine folder, then trainer.json is written, the folder is
 * renamed into place and `latest` points at it. Returns the checkpoint's folder.
 */
export async function writeCheckpoint(runDir: string, state: TrainerState, saveEngine: (dir: string) => Promise<void>): Promise<string> {
  const root = checkpointsDir(runDir);
  const name = checkpointName(state.step);
  const temp = join(root, `.${name}.${process.pid}.tmp`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(join(temp, "engine"), { recursive: true });
  await saveEngine(join(temp, "engine"));
  await writeFile(join(temp, "trainer.json"), `${JSON.stringify(state, null, 1)}\n`);
  const target = join(root, name);
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
  await writeAtomic(join(root, "latest"), `${name}\n`);
  await pruneCheckpoints(root, name);
  return target;
}

/** The newest checkpoint's folder and state; undefined when there is none; a string when it is unreadable. */
export async function readLatestCheckpoint(runDir: string): Promise<{ dir: string; state: TrainerState } | undefined | string> {
  const root = checkpointsDir(runDir);
  const latest = await readFile(join(root, "latest"), "utf8").catch(() => undefined);
  if (latest === undefined) return undefined;
  const dir = join(root, latest.trim());
  const text = await readFile(join(dir, "trainer.json"), "utf8").catch(() => undefined);
  if (text === undefined) return `${dir}: trainer.json is missing`;
  try {
    const state = JSON.parse(text) as TrainerState;
    if (state.format !== CHECKPOINT_FORMAT || state.version !== 1) return `${dir}: trainer.json is not a hintc checkpoint`;
    return { dir, state };
  } catch {
    return `${dir}: trainer.json is not valid JSON`;
  }
}

/** Writes a file beside its target and renames it over the target. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

async function pruneCheckpoints(root: string, newest: string): Promise<void> {
  const names = (await readdir(root)).filter((n) => /^step-\d{6,}$/.test(n)).sort();
  const old = names.filter((n) => n < newest).slice(0, -(CHECKPOINTS_KEPT - 1) || undefined);
  for (const name of old) await rm(join(root, name), { recursive: true, force: true });
}
