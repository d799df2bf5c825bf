import { describe, expect, it } from "vitest";
import type { Levels } from "../../../src/ir/index.ts";
import { scheduleBudget } from "../../../src/trainer/budget.ts";
import { annealKeep, createSchedule, type MemberOutcome, type MemberPlan } from "../../../src/trainer/schedules.ts";
import { makeProblem } from "../../helpers/problems.ts";

// StepHint's mix: 5 unhinted, 2 per hint level, the reference; chains of m = 4 steps (hint levels 1..3).
const MIX = { unhinted: 5, per_level: 2, reference: true };
const problem = makeProblem("p1", ["s1;", "s2;", "s3;", "s4"], { reference: true });
const short = (plans: MemberPlan[]) => plans.map((p) => `${p.kind}@${p.level}×${p.rollouts}${p.keep < 1 ? ` keep ${p.keep}` : ""}`);
const outcome = (plan: MemberPlan, correct: number): MemberOutcome => ({
  plan,
  correct: Array.from({ length: plan.rollouts }, (_, i) => i < correct),
});

describe("static schedule", () => {
  it("gives StepHint's 5 + 2×3 + 1 = 12 members at every step", () => {
    const schedule = createSchedule({ kind: "static" }, MIX);
    for (const step of [1, 2, 50]) {
      const plans = schedule.plan(problem, step);
      expect(short(plans)).toEqual(["unhinted@0×5", "hint@1×2", "hint@2×2", "hint@3×2", "reference@4×1"]);
      expect(plans.reduce((n, p) => n + p.rollouts, 0)).toBe(12);
    }
  });

  it("leaves out the reference when the spec does", () => {
    const schedule = createSchedule({ kind: "static" }, { ...MIX, reference: false });
    expect(short(schedule.plan(problem, 1))).toEqual(["unhinted@0×5", "hint@1×2", "hint@2×2", "hint@3×2"]);
  });
});

describe("on_failure schedule over a scripted run", () => {
  const schedule = createSchedule({ kind: "on_failure" }, MIX);

  it("generates only the unhinted members first", () => {
    expect(short(schedule.plan(problem, 1))).toEqual(["unhinted@0×5"]);
  });

  it("adds every hint level and the reference when all unhinted members failed", () => {
    const first = schedule.plan(problem, 1).map((p) => outcome(p, 0));
    expect(short(schedule.followUp(problem, 1, first))).toEqual(["hint@1×2", "hint@2×2", "hint@3×2", "reference@4×1"]);
  });

  it("adds nothing when one unhinted member succeeded", () => {
    const first = schedule.plan(problem, 2).map((p) => outcome(p, 1));
    expect(schedule.followUp(problem, 2, first)).toEqual([]);
  });

  it("is the full mix in one round when k_unhint is 0", () => {
    const noUnhinted = createSchedule({ kind: "on_failure" }, { ...MIX, unhinted: 0 });
    expect(short(noUnhinted.plan(problem, 1))).toEqual(["hint@1×2", "hint@2×2", "hint@3×2", "reference@4×1"]);
    expect(noUnhinted.followUp(problem, 1, [])).toEqual([]);
  });
});

describe("anneal schedule over a scripted run", () => {
  it("shrinks the forced fraction of every hint linearly to 0 over over_steps", () => {
    expect([1, 2, 3, 4, 5, 6].map((s) => annealKeep(s, 4))).toEqual([1, 0.75, 0.5, 0.25, 0, 0]);
  });

  it("keeps the same members and cuts only the hints, never the reference", () => {
    const schedule = createSchedule({ kind: "anneal", over_steps: 4 }, MIX);
    expect(short(schedule.plan(problem, 3))).toEqual([
      "unhinted@0×5",
      "hint@1×2 keep 0.5",
      "hint@2×2 keep 0.5",
      "hint@3×2 keep 0.5",
      "reference@4×1",
    ]);
  });
});

describe("target schedule over a scripted run", () => {
  it("picks the level whose running success rate is nearest the target, moving as the outcomes come in", () => {
    const schedule = createSchedule({ kind: "target", rate: 0.5 }, MIX);
    const levels: number[] = [];
    // Each visit: plan, record the level picked, then feed back `script[visit]` correct answers per block.
    const script: Array<Record<number, number>> = [
      { 0: 0 }, // unseen: unhinted prior 0.5 → level 0; all 11 unhinted fail → r(0) = 0
      { 0: 0, 2: 2 }, // r̂ = 0, .25, .5, .75 → level 2; 2 of 6 right → r(2) = 1/3
      { 0: 0, 2: 6 }, // |1/3 − .5| < .25 → level 2 again; 6 of 6 → r(2) = 2/3
      { 0: 0, 2: 6 }, // |2/3 − .5| = 1/6 < .25 → level 2; → r(2) = 5/6
      { 0: 0 }, // |5/6 − .5| = 1/3 > .25 (levels 1 and 3 tie) → the shorter hint, level 1
    ];
    for (const [visit, correct] of script.entries()) {
      const plans = schedule.plan(problem, visit + 1);
      const hinted = plans.find((p) => p.kind === "hint");
      levels.push(hinted?.level ?? 0);
      expect(plans.reduce((n, p) => n + p.rollouts, 0)).toBe(12);
      schedule.observe(problem, plans.map((p) => outcome(p, correct[p.level] ?? 0)));
    }
    expect(levels).toEqual([0, 2, 2, 2, 1]);
  });

  it("puts the whole hint budget on unhinted rollouts when level 0 is chosen", () => {
    const schedule = createSchedule({ kind: "target", rate: 0.5 }, MIX);
    expect(short(schedule.plan(problem, 1))).toEqual(["unhinted@0×11", "reference@4×1"]);
  });

  it("restores its running rates from a saved state", () => {
    const first = createSchedule({ kind: "target", rate: 0.5 }, MIX);
    first.observe(problem, [outcome({ kind: "unhinted", level: 0, rollouts: 10, keep: 1 }, 0)]);
    const restored = createSchedule({ kind: "target", rate: 0.5 }, MIX, JSON.parse(JSON.stringify(first.save())));
    expect(short(restored.plan(problem, 2))).toEqual(short(first.plan(problem, 2)));
    expect(short(restored.plan(problem, 2))).toContain("hint@2×6");
  });
});

describe("scheduleBudget", () => {
  const levels = (schedule: Levels["schedule"]): Levels => ({ hints: "all", ...MIX, placement: "prefix", schedule });

  it("reports StepHint's 12 rollouts (11 generated) for static, anneal and target", () => {
    for (const s of [{ kind: "static" }, { kind: "anneal", over_steps: 10 }, { kind: "target", rate: 0.5 }] as const) {
      const b = scheduleBudget(levels(s), 3);
      expect([b.min, b.max, b.generatedMax]).toEqual([12, 12, 11]);
    }
  });

  it("reports on_failure's range from the unhinted members alone to the full mix", () => {
    const b = scheduleBudget(levels({ kind: "on_failure" }), 3);
    expect([b.min, b.max]).toEqual([5, 12]);
  });
});
