import { describe, expect, it } from "vitest";
import { resultsCsv, Tally, type EvalResults } from "../../../../src/runtime/eval/index.ts";

describe("Tally", () => {
  it("counts statuses, counts missing samples as wrong, and gives pass@1 and pass@k", () => {
    const tally = new Tally(4);
    tally.add(["correct", "wrong", "no_answer", "missing"]);
    tally.add(["correct", "correct", "correct", "timeout"]);
    const m = tally.metrics([1, 2, 4]);
    expect(m.statuses).toEqual({ correct: 4, wrong: 1, no_answer: 1, timeout: 1, error: 0, missing: 1 });
    expect(m.pass_at_1).toBeCloseTo((1 / 4 + 3 / 4) / 2, 15);
    expect(m.pass_at_k["pass@2"]).toBeCloseTo((0.5 + 1) / 2, 15);
    expect(m.pass_at_k["pass@4"]).toBe(1);
  });

  it("refuses a problem with the wrong number of verdicts (a bug)", () => {
    expect(() => new Tally(2).add(["correct"])).toThrow();
  });
});

describe("resultsCsv", () => {
  it("writes a row per benchmark and quotes fields that need it", () => {
    const tally = new Tally(2);
    tally.add(["correct", "wrong"]);
    const results = {
      settings: { k: [1, 2] },
      benchmarks: [{ name: "gpqa", title: 'GPQA, "diamond"', check: { kind: "choice" }, verdicts_file: "gpqa.verdicts.jsonl", ...tally.metrics([1, 2]) }],
    } as unknown as EvalResults;
    expect(resultsCsv(results)).toBe(
      "benchmark,title,check,problems,samples,pass@1,pass@2,correct,wrong,no_answer,timeout,error,missing,verdicts_file\n" +
        'gpqa,"GPQA, ""diamond""",choice,1,2,0.5,1,1,1,0,0,0,0,gpqa.verdicts.jsonl\n',
    );
  });
});
