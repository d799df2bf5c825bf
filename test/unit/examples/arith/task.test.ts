import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { problemLines, PROBLEM_COUNT } from "../../../../examples/arith/generate.ts";
import { HARD_K, isCorrect, makeProblem, resultDigitOffsets } from "../../../../examples/arith/task.ts";
import { mulberry32 } from "../../../../src/runtime/random.ts";

const committed = readFileSync(new URL("../../../../examples/arith/data/problems.jsonl", import.meta.url), "utf8");

/** Evaluates "53-6+5=" left to right, as the chains do. */
function evaluate(problem: string): number {
  const [first, ...ops] = problem.slice(0, -1).split(/(?=[+*-])/);
  return ops.reduce((x, op) => (op[0] === "+" ? x + Number(op.slice(1)) : op[0] === "-" ? x - Number(op.slice(1)) : x * Number(op.slice(1))), Number(first));
}

describe("the toy's problems", () => {
  it("regenerates the committed data file byte for byte", () => {
    expect(problemLines()).toBe(committed);
  });

  it("holds distinct 4-operation problems whose chains compute the answer in steps kept within 0..99", () => {
    const rows = committed.trim().split("\n").map((l) => JSON.parse(l) as { problem: string; answer: string; chain: string });
    expect(rows).toHaveLength(PROBLEM_COUNT);
    expect(new Set(rows.map((r) => r.problem)).size).toBe(PROBLEM_COUNT);
    for (const r of rows) {
      expect(r.answer).toBe(String(evaluate(r.problem)));
      const steps = r.chain.split(";");
      expect(steps).toHaveLength(HARD_K + 1);
      expect(steps.at(-1)).toBe(`A${r.answer}`);
      for (const s of steps.slice(0, -1)) {
        const m = /^(\d+)([+*-])(\d)=(\d+)$/.exec(s);
        expect(m, s).not.toBeNull();
        expect(evaluate(`${m![1]}${m![2]}${m![3]}=`)).toBe(Number(m![4]));
        expect(Number(m![4])).toBeLessThanOrEqual(99);
      }
    }
  });

  it("cuts a chain into one segment per operation, the answer riding on the last", () => {
    const p = makeProblem(mulberry32(3), 3, "x");
    expect(p.steps).toHaveLength(3);
    expect(p.steps.join("")).toBe(p.chain);
    expect(p.steps[2]).toMatch(/;A\d+$/);
  });
});

describe("the toy's reward and smoothing positions", () => {
  it("rewards exactly one answer marker followed by the right answer", () => {
    expect(isCorrect("1+2=3;A3", "3")).toBe(true);
    expect(isCorrect("1+2=3;A3;", "3")).toBe(false);
    expect(isCorrect("1+2=3;A4", "3")).toBe(false);
    expect(isCorrect("1+2=3;A2A3", "3")).toBe(false);
    expect(isCorrect("1+2=3;", "3")).toBe(false);
  });

  it("marks the digits of each step's result, not operands or the answer copy", () => {
    const chain = "53-6=47;47+5=52;A52";
    expect(resultDigitOffsets(chain).map((i) => chain[i]).join("")).toBe("4752");
    expect(resultDigitOffsets(chain)).toEqual([5, 6, 13, 14]);
  });
});
