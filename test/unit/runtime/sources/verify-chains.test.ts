/**
 * Chain verification with the verifier library's real worker pool (VerifierPool, math check with its
 * defaults), on the Thought Anchors R1-distill traces (test/fixtures/sources): four MATH problems, each with a
 * correct and an incorrect trace from two models, grouped in OpenR1's shape with the traces' is_correct flags.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAGGED_INCORRECT, type Problem, VerificationTally, readProblems, verifyChains } from "../../../../src/runtime/sources/index.ts";
import { VerifierPool, defaultCheck } from "../../../../src/runtime/verify/index.ts";
import { fixturePath, readJsonlRows } from "../../../support/source-files.ts";
import { collect, sourceOf, testContext } from "../../../support/sources.ts";

const CHECK = defaultCheck("math");
let pool: VerifierPool;
const grouped = readJsonlRows(fixturePath("thought-anchors-grouped")) as Array<{ problem_id: string; correctness_math_verify: boolean[] }>;

beforeAll(() => void (pool = new VerifierPool({ threads: 1 })));
afterAll(async () => await pool.close());

async function traces(withFlags: boolean): Promise<Problem[]> {
  const fields = {
    id: { path: ["problem_id"] },
    problem: { path: ["problem"] },
    answer: { path: ["answer"] },
    chain: { path: ["generations"] },
    ...(withFlags ? { chain_correct: { path: ["correctness_math_verify"] } } : {}),
  };
  const file = fixturePath("thought-anchors-grouped");
  return collect(readProblems(sourceOf({ file, format: "jsonl", fields }), testContext("/")));
}

describe("verifyChains", () => {
  it("accepts exactly the traces whose final answer matches the gold, and says why it rejects the others", async () => {
    for (const problem of await traces(false)) {
      const { valid, rejected } = await verifyChains(problem, CHECK, pool);
      const labels = grouped.find((g) => g.problem_id === problem.id)?.correctness_math_verify ?? [];
      expect(valid.map((c) => c.index)).toEqual(labels.flatMap((ok, i) => (ok ? [i] : [])));
      expect(rejected.map((r) => r.chain.index)).toEqual(labels.flatMap((ok, i) => (ok ? [] : [i])));
      for (const { verdict } of rejected) {
        expect(["wrong", "no_answer"]).toContain(verdict.status);
        expect(verdict.reason).not.toBe("");
      }
    }
  });

  it("rejects chains the source flagged incorrect without running the verifier", async () => {
    const calls: string[] = [];
    const counting = { check: (check: typeof CHECK, gold: string, response: string) => (calls.push(response), pool.check(check, gold, response)) };
    const problems = await traces(true);
    for (const problem of problems) {
      const { valid, rejected } = await verifyChains(problem, CHECK, counting);
      expect(valid.every((c) => c.flagged_correct === true)).toBe(true);
      expect(rejected.filter((r) => r.verdict === FLAGGED_INCORRECT).map((r) => r.chain.flagged_correct)).toEqual([false, false]);
    }
    expect(calls).toHaveLength(problems.reduce((n, p) => n + p.chains.filter((c) => c.flagged_correct !== false).length, 0));
  });

  it("counts what it rejected and reports problems left with no valid chain", async () => {
    const tally = new VerificationTally("traces");
    for (const problem of await traces(false)) {
      const onlyWrong = { ...problem, chains: problem.chains.filter((c) => c.index % 2 === 1) };
      tally.add(onlyWrong, await verifyChains(onlyWrong, CHECK, pool));
    }
    const reported: string[] = [];
    tally.reportTo((d) => reported.push(`${d.code} ${d.message}`));
    expect({ problems: tally.problems, chains: tally.chains, valid: tally.valid, noValid: tally.noValid }).toEqual({ problems: 4, chains: 8, valid: 0, noValid: 4 });
    expect(tally.rejected.wrong + tally.rejected.no_answer).toBe(8);
    expect(reported).toEqual(["HC3020 source traces: 4 of 4 problems have no valid chain (first: problem_1591, problem_2189, problem_2236, problem_330)"]);
  });
});
