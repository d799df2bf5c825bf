/**
 * Hint levels of a partitioned chain: the rows of one problem's rollout group. Level j is a hint of the
 * first j steps; level 0 has no hint; the reference is the whole chain, one off-policy member.
 *
 * Listed levels resolve against the chain's own step count n: `{ steps: k }` is k, `{ fraction: f }` is
 * round(f * n) (halves round up); both are clamped to 1..n-1 (a hint is never empty nor the whole chain)
 * and duplicates are dropped, so "1/4" and "1/3" of a 4-step chain give one row at level 1. A chain of one
 * step has no hint levels.
 */
import type { HintIR } from "../../ir/index.ts";
import { codePointLength } from "../tokenize/measure.ts";
import type { Steps } from "./types.ts";

export type LevelsIr = HintIR["levels"];

export interface LevelRow {
  /** Leading steps in the hint: 0 unhinted, 1..n-1 hints, n the reference. */
  level: number;
  kind: "unhinted" | "hint" | "reference";
  /** Rollouts this row contributes to the group (k_unhint, k_hint, or 1 for the reference). */
  rollouts: number;
  /** The chain's step count n. */
  steps: number;
  /** The hint's length in Unicode code points (Python's len). */
  hint_chars: number;
  /** The hint's length in the spec's unit: the sum of its steps' lengths. */
  hint_tokens: number;
}

/** The hint levels 1..n-1 the spec asks for, resolved, clamped, deduplicated and sorted. */
export function hintLevels(n: number, hints: LevelsIr["hints"]): number[] {
  if (n < 2) return [];
  const wanted = hints === "all"
    ? Array.from({ length: n - 1 }, (_, i) => i + 1)
    : hints.map((h) => ("steps" in h ? h.steps : Math.floor(h.fraction * n + 0.5)));
  const clamped = wanted.map((k) => Math.min(n - 1, Math.max(1, k)));
  return [...new Set(clamped)].sort((a, b) => a - b);
}

/** The rows of a chain's group, in order: level 0, the hint levels ascending, then the reference. */
export function levelsFor(steps: Pick<Steps, "steps" | "step_lengths">, levels: LevelsIr): LevelRow[] {
  const n = steps.steps.length;
  const chars: number[] = [0];
  const tokens: number[] = [0];
  for (let j = 0; j < n; j++) {
    chars.push(chars[j]! + codePointLength(steps.steps[j]!));
    tokens.push(tokens[j]! + steps.step_lengths[j]!);
  }
  const row = (level: number, kind: LevelRow["kind"], rollouts: number): LevelRow => ({
    level, kind, rollouts, steps: n, hint_chars: chars[level]!, hint_tokens: tokens[level]!,
  });
  const rows = [row(0, "unhinted", levels.unhinted)];
  for (const j of hintLevels(n, levels.hints)) rows.push(row(j, "hint", levels.per_level));
  if (levels.reference) rows.push(row(n, "reference", 1));
  return rows;
}

/** The hint text of a level: the first `level` steps joined. */
export function hintOf(steps: readonly string[], level: number): string {
  return steps.slice(0, level).join("");
}
