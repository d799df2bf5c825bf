/**
 * Success of a policy on hard problems at each hint level: level j forces the first j steps of the reference as
 * the response prefix (level 0: no hint). Used after the warm-up (the starting point of RL) and by the benchmark.
 */
import type { Engine } from "../../src/trainer/protocol/engine.ts";
import { HARD_K, isCorrect, type ArithProblem } from "./task.ts";

export interface ProbeOptions {
  samples: number;
  temperature: number;
  seed: number;
}

/** The response budget: the longest chain of four steps ("99*1=99;" × 4 + "A99") plus room to go wrong. */
export const MAX_NEW_TOKENS = 48;

function ragged(rows: number[][]): { values: Int32Array; offsets: Int32Array } {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i]! + r.length));
  return { values: new Int32Array(rows.flat()), offsets };
}

async function tokens(engine: Engine, texts: string[]): Promise<number[][]> {
  const r = await engine.tokenize(texts);
  return texts.map((_, i) => Array.from(r.values.subarray(r.offsets[i]!, r.offsets[i + 1]!)));
}

/** Fraction of correct samples at hint level `level` (0..HARD_K-1). */
export async function successAt(engine: Engine, problems: ArithProblem[], level: number, o: ProbeOptions): Promise<number> {
  const hints = problems.map((p) => p.steps.slice(0, level).join(""));
  const result = await engine.generate({
    prompts: ragged(await tokens(engine, problems.map((p) => p.problem))),
    prefixes: ragged(await tokens(engine, hints)),
    sampling: { n: o.samples, temperature: o.temperature, top_p: 1, max_new_tokens: MAX_NEW_TOKENS, stop: [], seed: o.seed + level },
  });
  let correct = 0;
  result.texts.forEach((text, r) => {
    const i = Math.floor(r / o.samples);
    if (isCorrect(hints[i]! + text, problems[i]!.answer)) correct++;
  });
  return correct / result.texts.length;
}

/** Success at every level 0..HARD_K-1. */
export async function successByLevel(engine: Engine, problems: ArithProblem[], o: ProbeOptions): Promise<number[]> {
  const out: number[] = [];
  for (let level = 0; level < HARD_K; level++) out.push(await successAt(engine, problems, level, o));
  return out;
}
