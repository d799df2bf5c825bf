/**
 * Hint schedules: which members each problem's group gets at a step. `static` is StepHint's mix; the others
 * are hintc's own (specs/algorithm.md, "Schedules"), each spending the same rollouts as static at most, so
 * that comparisons between them are fair (src/trainer/budget.ts reports the counts).
 */
import type { Levels, Schedule as ScheduleSpec } from "../ir/index.ts";
import { hintLevels, type ProblemRecord } from "../runtime/loader/record.ts";
import type { MemberKind } from "./advantages.ts";

/** A block of identical members of one group: `rollouts` samples of one prompt. */
export interface MemberPlan {
  kind: MemberKind;
  /** 0 for unhinted members; the hint level; the step count for the reference. */
  level: number;
  rollouts: number;
  /** The fraction of the hint's tokens forced as the response prefix (anneal shrinks it); 1 otherwise. */
  keep: number;
}

/** What a block's rollouts achieved, fed back to the schedule. */
export interface MemberOutcome {
  plan: MemberPlan;
  correct: boolean[];
}

/** The schedule's memory, kept in checkpoints. */
export type ScheduleState = { kind: "target"; rates: Array<[string, Array<[number, number]>]> } | { kind: "none" };

export interface Schedule {
  readonly kind: ScheduleSpec["kind"];
  /** The members generated first. `step` counts from 1. */
  plan(problem: ProblemRecord, step: number): MemberPlan[];
  /** Members generated in a second round once the first round is rewarded ([] for most schedules). */
  followUp(problem: ProblemRecord, step: number, first: MemberOutcome[]): MemberPlan[];
  /** Records a problem's outcomes at this step (the running success rates of `target`). */
  observe(problem: ProblemRecord, outcomes: MemberOutcome[]): void;
  save(): ScheduleState;
}

/** The counts of the spec's mix (IR levels). */
export type Mix = Pick<Levels, "unhinted" | "per_level" | "reference">;

/** Builds the schedule the spec names, optionally restoring its memory from a checkpoint. */
export function createSchedule(spec: ScheduleSpec, mix: Mix, state?: ScheduleState): Schedule {
  switch (spec.kind) {
    case "static":
      return new StaticSchedule(mix);
    case "on_failure":
      return new OnFailureSchedule(mix);
    case "anneal":
      return new AnnealSchedule(mix, spec.over_steps);
    case "target":
      return new TargetSchedule(mix, spec.rate, state?.kind === "target" ? state : undefined);
  }
}

/** k_unhint unhinted, k_hint at each hint level (forcing `keep` of the hint), and the reference if asked. */
export function fullMix(problem: ProblemRecord, mix: Mix, keep = 1): MemberPlan[] {
  return [...unhintedBlock(mix.unhinted), ...hintBlocks(problem, mix, keep), ...referenceBlock(problem, mix)];
}

function unhintedBlock(rollouts: number): MemberPlan[] {
  return rollouts > 0 ? [{ kind: "unhinted", level: 0, rollouts, keep: 1 }] : [];
}

function hintBlocks(problem: ProblemRecord, mix: Mix, keep: number): MemberPlan[] {
  if (mix.per_level === 0) return [];
  return hintLevels(problem).map((level) => ({ kind: "hint" as const, level, rollouts: mix.per_level, keep }));
}

function referenceBlock(problem: ProblemRecord, mix: Mix): MemberPlan[] {
  if (!mix.reference || problem.steps.length === 0) return [];
  return [{ kind: "reference", level: problem.steps.length, rollouts: 1, keep: 1 }];
}

/** StepHint's group: every level, every step. */
class StaticSchedule implements Schedule {
  readonly kind = "static" as const;
  constructor(private readonly mix: Mix) {}
  plan(problem: ProblemRecord): MemberPlan[] {
    return fullMix(problem, this.mix);
  }
  followUp(): MemberPlan[] {
    return [];
  }
  observe(): void {}
  save(): ScheduleState {
    return { kind: "none" };
  }
}

/**
 * Hints only where the policy fails alone: the unhinted members are generated first; when every one of them
 * fails, the hint levels and the reference are generated in a second round of the same step and join the group.
 * With k_unhint = 0 "every one failed" holds vacuously, so the group is the full mix.
 */
class OnFailureSchedule implements Schedule {
  readonly kind = "on_failure" as const;
  constructor(private readonly mix: Mix) {}
  plan(problem: ProblemRecord): MemberPlan[] {
    return this.mix.unhinted > 0 ? unhintedBlock(this.mix.unhinted) : fullMix(problem, this.mix);
  }
  followUp(problem: ProblemRecord, _step: number, first: MemberOutcome[]): MemberPlan[] {
    if (this.mix.unhinted === 0) return [];
    const anyCorrect = first.some((o) => o.plan.kind === "unhinted" && o.correct.some(Boolean));
    return anyCorrect ? [] : [...hintBlocks(problem, this.mix, 1), ...referenceBlock(problem, this.mix)];
  }
  observe(): void {}
  save(): ScheduleState {
    return { kind: "none" };
  }
}

/** The fraction of each hint forced at `step` (from 1): 1 at the first step, falling linearly to 0 at over_steps + 1. */
export function annealKeep(step: number, overSteps: number): number {
  return Math.max(0, 1 - (step - 1) / overSteps);
}

/** The full mix with every hint cut to its first annealKeep(step) of tokens; the reference stays whole. */
class AnnealSchedule implements Schedule {
  readonly kind = "anneal" as const;
  constructor(
    private readonly mix: Mix,
    private readonly overSteps: number,
  ) {}
  plan(problem: ProblemRecord, step: number): MemberPlan[] {
    return fullMix(problem, this.mix, annealKeep(step, this.overSteps));
  }
  followUp(): MemberPlan[] {
    return [];
  }
  observe(): void {}
  save(): ScheduleState {
    return { kind: "none" };
  }
}

/** How fast the running success rate follows new outcomes: rate ← (1 − α)·rate + α·observed. */
export const TARGET_ALPHA = 0.5;
/** The success rate assumed for a problem's unhinted level before it is seen. */
export const TARGET_PRIOR = 0.5;

/**
 * Per problem, all of the hint budget (k_hint × the number of hint levels) at the one level whose running
 * success rate is closest to the target; ties go to the shorter hint. Level 0 may win, and then the budget
 * goes to unhinted rollouts. Unseen hint levels are estimated between the unhinted rate and 1 (the full chain
 * is correct): r̂(ℓ) = r(0) + (1 − r(0))·ℓ/m.
 */
export class TargetSchedule implements Schedule {
  readonly kind = "target" as const;
  private readonly rates = new Map<string, Map<number, number>>();

  constructor(
    private readonly mix: Mix,
    private readonly target: number,
    state?: Extract<ScheduleState, { kind: "target" }>,
  ) {
    for (const [id, levels] of state?.rates ?? []) this.rates.set(id, new Map(levels));
  }

  /** The estimated success rate of each candidate level (0 and the hint levels) of a problem. */
  estimates(problem: ProblemRecord): Array<{ level: number; rate: number }> {
    const known = this.rates.get(problem.id);
    const unhinted = known?.get(0) ?? TARGET_PRIOR;
    const m = Math.max(problem.steps.length, 1);
    const levels = [0, ...hintLevels(problem)];
    return levels.map((level) => ({ level, rate: known?.get(level) ?? unhinted + ((1 - unhinted) * level) / m }));
  }

  /** The level picked for a problem now. */
  choose(problem: ProblemRecord): number {
    let best = { level: 0, distance: Infinity };
    for (const { level, rate } of this.estimates(problem)) {
      const distance = Math.abs(rate - this.target);
      if (distance < best.distance - 1e-12) best = { level, distance };
    }
    return best.level;
  }

  plan(problem: ProblemRecord): MemberPlan[] {
    const hintBudget = this.mix.per_level * hintLevels(problem).length;
    const level = this.choose(problem);
    const chosen: MemberPlan[] =
      level === 0
        ? unhintedBlock(this.mix.unhinted + hintBudget)
        : [...unhintedBlock(this.mix.unhinted), { kind: "hint", level, rollouts: hintBudget, keep: 1 }];
    return [...chosen, ...referenceBlock(problem, this.mix)];
  }

  followUp(): MemberPlan[] {
    return [];
  }

  observe(problem: ProblemRecord, outcomes: MemberOutcome[]): void {
    const known = this.rates.get(problem.id) ?? new Map<number, number>();
    for (const { plan, correct } of outcomes) {
      if (plan.kind === "reference" || correct.length === 0) continue;
      const observed = correct.filter(Boolean).length / correct.length;
      const old = known.get(plan.level);
      known.set(plan.level, old === undefined ? observed : (1 - TARGET_ALPHA) * old + TARGET_ALPHA * observed);
    }
    this.rates.set(problem.id, known);
  }

  save(): ScheduleState {
    const rates = [...this.rates].map(([id, levels]): [string, Array<[number, number]>] => [id, [...levels]]);
    return { kind: "target", rates };
  }
}
