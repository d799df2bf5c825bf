import { describe, expect, it } from "vitest";
import { choose, distance, RECORDED } from "../../../../examples/arith/calibrate.ts";

const at = (step: number, t1: number[], greedy: number) => ({ step, t1, greedy: [greedy, 0, 0, 0] });

describe("the starting point's calibration rule", () => {
  it("measures the largest factor between a probe and the recorded numbers, either way", () => {
    expect(distance(at(1, RECORDED.t1, RECORDED.greedy))).toBeCloseTo(0, 12);
    expect(Math.exp(distance(at(1, [0.058, 0.049, 0.103, 0.279], 0.53)))).toBeCloseTo(2, 9);
    expect(Math.exp(distance(at(1, [0.029, 0.049, 0.103, 0.279], 0.265)))).toBeCloseTo(2, 9);
    expect(distance(at(1, [0, 0.049, 0.103, 0.279], 0.53))).toBe(Infinity);
  });

  it("picks the closest checkpoint and accepts it only within a factor 1.5 of every number", () => {
    const far = at(1000, [0.035, 0.11, 0.22, 0.477], 0.91);
    const near = at(400, [0.03, 0.06, 0.12, 0.3], 0.6);
    expect(choose([far, near])).toEqual({ best: near, accepted: true });
    expect(choose([far])).toEqual({ best: far, accepted: false });
  });
});
