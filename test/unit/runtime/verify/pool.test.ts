// VerifierPool with real worker threads (each loads tsx and the TypeScript checks through worker-bootstrap.js).
import { afterAll, describe, expect, it } from "vitest";
import type { RewardCheck } from "../../../../src/ir/index.ts";
import { defaultCheck } from "../../../../src/runtime/verify/defaults.ts";
import { VerifierPool } from "../../../../src/runtime/verify/pool.ts";

const math = defaultCheck("math");
// Nested quantifiers on a string that almost matches: backtracking that takes longer than the age of the universe.
const catastrophic = defaultCheck("regex", { pattern: "^(a+)+$", timeout_ms: 300 });
// Workers take a while to start on a loaded machine: the tests share one pool where they can.
const shared = new VerifierPool({ threads: 2 });
const pools: VerifierPool[] = [shared];
const newPool = (threads: number) => {
  const pool = new VerifierPool({ threads });
  pools.push(pool);
  return pool;
};

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("VerifierPool", () => {
  it("returns the verdicts of checkMany in the order of the items", async () => {
    const pool = shared;
    const items = Array.from({ length: 60 }, (_, i) => ({ check: math, gold: String(i), response: `\\boxed{${i % 3 === 0 ? i + 1 : i}}` }));
    const verdicts = await pool.checkMany(items);
    expect(verdicts.map((v) => v.correct)).toEqual(items.map((_, i) => i % 3 !== 0));
    expect(verdicts[1]).toMatchObject({ status: "correct", extracted: "1" });
  });

  it("cuts off a check past its time limit, reports a timeout, and keeps serving", async () => {
    const pool = shared;
    const slow = pool.check(catastrophic, "x", `${"a".repeat(64)}!`);
    const fast = Array.from({ length: 20 }, (_, i) => pool.check(math, String(i), `\\boxed{${i}}`));
    expect(await slow).toMatchObject({ status: "timeout", correct: false, score: 0 });
    expect((await Promise.all(fast)).every((v) => v.correct)).toBe(true);
    // The worker that ran the slow check was replaced: the pool still has both threads' worth of service.
    const after = await pool.checkMany(Array.from({ length: 4 }, () => ({ check: math, gold: "\\frac12", response: "\\boxed{0.5}" })));
    expect(after.every((v) => v.status === "correct")).toBe(true);
  });

  it("times out two slow checks at once on a one-thread pool, then recovers", async () => {
    const pool = newPool(1);
    const verdicts = await pool.checkMany([
      { check: catastrophic, gold: "x", response: `${"a".repeat(64)}!` },
      { check: catastrophic, gold: "x", response: `${"a".repeat(64)}!` },
      { check: math, gold: "2", response: "\\boxed{2}" },
    ]);
    expect(verdicts.map((v) => v.status)).toEqual(["timeout", "timeout", "correct"]);
  });

  it("gives an error verdict for input that cannot be sent to a worker", async () => {
    const pool = shared;
    const v = await pool.check(math, () => 1, "\\boxed{1}");
    expect(v.status).toBe("error");
    expect(await pool.check(math, "1", "\\boxed{1}")).toMatchObject({ status: "correct" });
  });

  it("resolves queued checks with an error on close, and refuses checks after it", async () => {
    const pool = new VerifierPool({ threads: 1 });
    const pending = [pool.check(catastrophic, "x", `${"a".repeat(64)}!`), pool.check(math, "1", "\\boxed{1}")];
    await new Promise((r) => setTimeout(r, 50));
    await pool.close();
    expect((await Promise.all(pending)).map((v) => v.status)).toEqual(["error", "error"]);
    await expect(pool.check(math, "1", "1")).rejects.toThrow(/after close/);
  });

  it("rejects a thread count that is not a positive integer", () => {
    expect(() => new VerifierPool({ threads: 0 })).toThrow(RangeError);
    expect(() => new VerifierPool({ threads: 1.5 })).toThrow(RangeError);
  });

  it("uses the default time limit for a check without a valid one", async () => {
    const pool = shared;
    const check = { ...math, timeout_ms: -1 } as RewardCheck;
    expect(await pool.check(check, "1", "\\boxed{1}")).toMatchObject({ status: "correct" });
  });
});
