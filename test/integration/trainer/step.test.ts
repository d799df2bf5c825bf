/**
 * One training step per schedule with the real engine (tiny built-in model, untrained: it fails every
 * arithmetic problem on its own) and the real verifier: which members each schedule generates, in how many
 * rounds, with how many forced hint tokens, and what reaches train_step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Schedule as ScheduleSpec } from "../../../src/ir/index.ts";
import type { ProblemRecord } from "../../../src/runtime/loader/record.ts";
import { checkAnswer } from "../../../src/runtime/verify/check.ts";
import type { EngineClient } from "../../../src/trainer/protocol/client.ts";
import type { Judge } from "../../../src/trainer/rollouts.ts";
import { createSchedule } from "../../../src/trainer/schedules.ts";
import { runStep, type StepContext } from "../../../src/trainer/step.ts";
import { rowsFor } from "../../helpers/dataset.ts";
import { smallIr } from "../../helpers/ir.ts";
import { arithProblems } from "../../helpers/problems.ts";
import { startTinyEngine, torchAvailable } from "../../helpers/trainer-engine.ts";

const hasTorch = await torchAvailable();
const ir = smallIr();
const train = ir.train!;
const judge: Judge = async (gold, responses) => responses.map((r) => checkAnswer(ir.reward, gold, r));

// Two problems of 3 operations: chains of 4 steps, so hint levels 1..3 and the reference at level 4.
const problems: ProblemRecord[] = arithProblems(2, 3, 21).map((p) => {
  const rows = rowsFor({ ...p, split: "train" }, ir);
  return { id: p.id, split: "train", source: "arith", problem: p.problem, answer: p.answer, reward: "regex", chain_index: 0, steps: p.steps, levels: rows.map((r) => ({ level: r.level, kind: r.kind, hint: r.hint, prompt: r.prompt, hint_start: r.hint_start, hint_end: r.hint_end, rollouts: r.rollouts })) };
});

let engine: EngineClient;
beforeAll(async () => {
  if (hasTorch) engine = await startTinyEngine(2);
});
afterAll(async () => engine?.shutdown());

function context(schedule: ScheduleSpec, mix = { unhinted: 2, per_level: 1, reference: true }): StepContext {
  return { engine, judge, schedule: createSchedule(schedule, mix), train, placement: "prefix", seed: 5 };
}
const members = (outcome: Awaited<ReturnType<typeof runStep>>, problem: number) =>
  outcome.rollouts.filter((r) => r.member.problem === problem).map((r) => `${r.member.plan.kind}@${r.member.plan.level}`);

describe.runIf(hasTorch)("a training step with the real engine", () => {
  it("static: StepHint's group, the reference right, and every rollout trained", async () => {
    const outcome = await runStep(context({ kind: "static" }), problems, 1);
    expect([...members(outcome, 0)].sort()).toEqual(["hint@1", "hint@2", "hint@3", "reference@4", "unhinted@0", "unhinted@0"]);
    const ref = outcome.rollouts.find((r) => r.member.plan.kind === "reference")!;
    expect(ref.judgement).toMatchObject({ correct: true, extracted: problems[0]!.answer });
    expect(outcome.train.tokens).toBeGreaterThan(0);
    for (const r of outcome.rollouts.filter((x) => x.member.plan.kind === "hint")) {
      expect(r.text.startsWith(problems[r.member.problem]!.steps.slice(0, r.member.plan.level).join(""))).toBe(true);
    }
  });

  it("on_failure: a second round brings the hints and the reference to problems whose unhinted rollouts all failed", async () => {
    const outcome = await runStep(context({ kind: "on_failure" }), problems, 1);
    const unhinted = outcome.rollouts.filter((r) => r.member.plan.kind === "unhinted");
    expect(unhinted.every((r) => !r.judgement.correct)).toBe(true);
    for (const p of [0, 1]) expect([...members(outcome, p)].sort()).toEqual(["hint@1", "hint@2", "hint@3", "reference@4", "unhinted@0", "unhinted@0"]);
    // The second round comes after the first in the batch.
    expect(outcome.rollouts.slice(0, 4).every((r) => r.member.plan.kind === "unhinted")).toBe(true);
  });

  it("anneal: forces round(keep × n) of each hint's tokens", async () => {
    const outcome = await runStep(context({ kind: "anneal", over_steps: 4 }), problems, 3);
    for (const r of outcome.rollouts.filter((x) => x.member.plan.kind === "hint")) {
      const hint = problems[r.member.problem]!.steps.slice(0, r.member.plan.level).join("");
      expect(r.member.plan.keep).toBe(0.5);
      expect(r.member.forced.length).toBe(Math.round(hint.length * 0.5));
      expect(r.text.startsWith(hint.slice(0, Math.round(hint.length * 0.5)))).toBe(true);
    }
  });

  it("target: an unseen problem gets the whole hint budget unhinted, then a hint level once it fails", async () => {
    const ctx = context({ kind: "target", rate: 0.5 });
    const first = await runStep(ctx, problems, 1);
    expect([...members(first, 0)].sort()).toEqual(["reference@4", "unhinted@0", "unhinted@0", "unhinted@0", "unhinted@0", "unhinted@0"]);
    const second = await runStep(ctx, problems, 2);
    // r̂(0) = 0 after the first visit, so r̂(ℓ) = ℓ/4 and level 2 (0.5) is nearest the target.
    expect([...members(second, 0)].sort()).toEqual(["hint@2", "hint@2", "hint@2", "reference@4", "unhinted@0", "unhinted@0"]);
  });
});
