import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareMembers } from "../../../src/trainer/members.ts";
import type { EngineClient } from "../../../src/trainer/protocol/client.ts";
import type { MemberPlan } from "../../../src/trainer/schedules.ts";
import type { ProblemRecord } from "../../../src/runtime/loader/record.ts";
import { arithProblems } from "../../helpers/problems.ts";
import { startTinyEngine, torchAvailable } from "../../helpers/trainer-engine.ts";

const hasTorch = await torchAvailable();
let engine: EngineClient;
beforeAll(async () => {
  if (hasTorch) engine = await startTinyEngine();
});
afterAll(async () => engine?.shutdown());

// One arithmetic problem, "53-6+5=" style, in both placements: prefix (the hint starts the response) and
// question (the hint sits between the question and "=").
const [arith] = arithProblems(1, 3, 7);
const { problem: question, steps } = arith!;
function record(placement: "prefix" | "question"): ProblemRecord {
  const levels = [0, 1, 2, 3].map((level) => {
    const hint = steps.slice(0, level).join("");
    if (placement === "prefix") {
      return { level, kind: level === 0 ? ("unhinted" as const) : ("hint" as const), hint, prompt: question + hint, hint_start: question.length, hint_end: question.length + hint.length, rollouts: 1 };
    }
    const body = question.slice(0, -1);
    return { level, kind: level === 0 ? ("unhinted" as const) : ("hint" as const), hint, prompt: `${body}${hint}=`, hint_start: body.length, hint_end: body.length + hint.length, rollouts: 1 };
  });
  return { id: "q", split: "train", source: "arith", problem: question, answer: arith!.answer, reward: "regex", chain_index: 0, steps, levels };
}
const plan = (kind: MemberPlan["kind"], level: number, keep = 1): MemberPlan => ({ kind, level, rollouts: 2, keep });
const text = (tokens: Int32Array) => engine.decode({ values: tokens, offsets: Int32Array.from([0, tokens.length]) }).then((t) => t[0]);

describe.runIf(hasTorch)("prepareMembers with the real engine tokenizer", () => {
  it("forces the hint as the response prefix in prefix placement", async () => {
    const [unhinted, hinted] = await prepareMembers(engine, [record("prefix")], [[plan("unhinted", 0), plan("hint", 2)]], "prefix");
    expect(await text(unhinted!.prompt)).toBe(question);
    expect(unhinted!.forced).toHaveLength(0);
    expect(await text(hinted!.prompt)).toBe(question);
    expect(await text(hinted!.forced)).toBe(steps[0]! + steps[1]!);
    expect(hinted!.forcedText).toBe(steps[0]! + steps[1]!);
  });

  it("gives the reference the whole chain and the end-of-sequence token", async () => {
    const [ref] = await prepareMembers(engine, [record("prefix")], [[plan("reference", 4)]], "prefix");
    expect(await text(ref!.prompt)).toBe(question);
    expect(await text(ref!.forced.subarray(0, -1))).toBe(steps.join(""));
    expect(ref!.forced.at(-1)).toBe(engine.info.eos_token_ids[0]);
  });

  it("cuts an annealed hint to round(keep × its tokens)", async () => {
    const full = steps.slice(0, 3).join("");
    const [cut] = await prepareMembers(engine, [record("prefix")], [[plan("hint", 3, 0.5)]], "prefix");
    expect(cut!.forced).toHaveLength(Math.round(full.length * 0.5));
    expect(cut!.forcedText).toBe(full.slice(0, Math.round(full.length * 0.5)));
  });

  it("keeps the hint inside the question in question placement, cut and put back when annealed", async () => {
    const body = question.slice(0, -1);
    const [whole, cut] = await prepareMembers(engine, [record("question")], [[plan("hint", 1), plan("hint", 2, 0.25)]], "question");
    expect(await text(whole!.prompt)).toBe(`${body}${steps[0]}=`);
    expect(whole!.forced).toHaveLength(0);
    const hint = steps[0]! + steps[1]!;
    expect(await text(cut!.prompt)).toBe(`${body}${hint.slice(0, Math.round(hint.length * 0.25))}=`);
  });
});
