// Every MATH-500 answer (test/fixtures/verify/sources/math500.jsonl: unique_id, answer and solution of the
// 500 problems, MIT) against its own solution, an equivalent rewrite, and a wrong variant.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkAnswer } from "../../../../src/runtime/verify/check.ts";
import { defaultCheck } from "../../../../src/runtime/verify/defaults.ts";
import { equivalentForm, wrongForm } from "../../../support/answer-variants.ts";

const rows = readFileSync(new URL("../../../fixtures/verify/sources/math500.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { unique_id: string; answer: string; solution: string });
const check = defaultCheck("math");
const failures = (f: (r: (typeof rows)[number]) => { ok: boolean; detail: string }) =>
  rows.map((r) => ({ id: r.unique_id, ...f(r) })).filter((x) => !x.ok);

describe("MATH-500", () => {
  it("has all 500 problems", () => {
    expect(rows).toHaveLength(500);
  });

  it("accepts every gold answer against its own \\boxed{} solution", () => {
    expect(failures((r) => {
      const v = checkAnswer(check, r.answer, r.solution);
      return { ok: v.correct, detail: v.reason };
    })).toEqual([]);
  });

  it("accepts every gold answer rewritten in an equivalent form", () => {
    expect(failures((r) => {
      const form = equivalentForm(r.answer)!;
      const v = checkAnswer(check, r.answer, `So the answer is $\\boxed{${form.text}}$.`);
      return { ok: form.text !== r.answer && v.correct, detail: `${form.rule}: ${form.text} → ${v.reason}` };
    })).toEqual([]);
  });

  it("never accepts a wrong variant of a gold answer", () => {
    expect(failures((r) => {
      const form = wrongForm(r.answer);
      const v = checkAnswer(check, r.answer, `So the answer is $\\boxed{${form.text}}$.`);
      return { ok: !v.correct, detail: `${form.rule}: ${form.text} → ${v.reason}` };
    })).toEqual([]);
  });
});
