/**
 * A run folder: run.json (the IR the run trains), metrics.jsonl (a line per step and per evaluation),
 * rollouts.jsonl (a line per rollout: level, reward, the answer the verifier extracted), and checkpoints/.
 * The logs are append-only; a resumed run first cuts them back to their length at its checkpoint, so no
 * step is logged twice.
 */
import { appendFile, mkdir, readdir, rm, stat, truncate } from "node:fs/promises";
import { join } from "node:path";
import type { HintIR } from "../ir/index.ts";
import { checkpointsDir, writeAtomic } from "./checkpoint.ts";
import type { MetricsLine } from "./metrics.ts";
import type { StepOutcome } from "./step.ts";

export const LOG_FILES = ["metrics.jsonl", "rollouts.jsonl"] as const;
export type LogFile = (typeof LOG_FILES)[number];

export class RunDir {
  constructor(readonly path: string) {}

  file(name: LogFile | "run.json"): string {
    return join(this.path, name);
  }

  /** Creates the folder for a new run and records its IR. */
  async create(ir: HintIR): Promise<void> {
    await mkdir(checkpointsDir(this.path), { recursive: true });
    for (const name of LOG_FILES) await rm(this.file(name), { force: true });
    await writeAtomic(this.file("run.json"), `${JSON.stringify(ir, null, 1)}\n`);
  }

  /** Cuts the logs back to the lengths a checkpoint recorded, and removes checkpoints a killed run left half-written. */
  async rewind(lengths: Record<string, number>): Promise<void> {
    for (const name of LOG_FILES) {
      const size = await stat(this.file(name)).then((s) => s.size, () => undefined);
      const keep = lengths[name] ?? 0;
      if (size === undefined) await appendFile(this.file(name), "");
      else if (size > keep) await truncate(this.file(name), keep);
    }
    const root = checkpointsDir(this.path);
    for (const name of await readdir(root).catch(() => [])) {
      if (name.startsWith(".") && name.endsWith(".tmp")) await rm(join(root, name), { recursive: true, force: true });
    }
  }

  /** The byte lengths of the logs now (what a checkpoint records). */
  async lengths(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const name of LOG_FILES) out[name] = await stat(this.file(name)).then((s) => s.size, () => 0);
    return out;
  }

  async logMetrics(line: MetricsLine): Promise<void> {
    await appendFile(this.file("metrics.jsonl"), `${JSON.stringify(line)}\n`);
  }

  /** One line per rollout; the full response text only for the step's first problem (texts are long). */
  async logRollouts(outcome: StepOutcome): Promise<void> {
    const lines = outcome.rollouts.map((r, i) => {
      const problem = outcome.problems[r.member.problem]!;
      return JSON.stringify({
        step: outcome.step,
        problem: problem.id,
        chain: problem.chain_index,
        kind: r.member.plan.kind,
        level: r.member.plan.level,
        keep: r.member.plan.keep,
        reward: r.judgement.score,
        correct: r.judgement.correct,
        extracted: r.judgement.extracted,
        status: r.judgement.status,
        finish: r.finish,
        advantage: outcome.advantages[i],
        forced_tokens: r.member.forced.length,
        generated_tokens: r.generated.length,
        ...(r.member.problem === 0 ? { text: r.text } : {}),
      });
    });
    await appendFile(this.file("rollouts.jsonl"), lines.length > 0 ? `${lines.join("\n")}\n` : "");
  }
}
