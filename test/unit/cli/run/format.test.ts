import { describe, expect, it } from "vitest";
import { compact, duration, eventLine, stepLine } from "../../../../src/cli/run/format.ts";
import { stepMetricsExample } from "../../../helpers/metrics.ts";

describe("run output lines", () => {
  it("puts a step's numbers on one line, accuracy per level", () => {
    expect(stepLine(stepMetricsExample(3), 100)).toBe(
      "step 3/100 · reward 0.250 · acc no hint 0.10 L1 0.25 L2 0.50 ref 1.00 · len 42 · clip 0.021 · loss 0.0123 · 1.4k tok/s · eta 3m20s",
    );
  });

  it("formats durations and counts compactly", () => {
    expect([duration(45), duration(200), duration(3720), duration(Number.NaN)]).toEqual(["45s", "3m20s", "1h02m", "-"]);
    expect([compact(999), compact(1234), compact(2_500_000)]).toEqual(["999", "1.2k", "2.5M"]);
  });

  it("describes a checkpoint and an evaluation", () => {
    expect(eventLine({ kind: "checkpoint", step: 4, dir: "runs/x/checkpoints/step-000004" }, 10)).toBe(
      "checkpoint after step 4: runs/x/checkpoints/step-000004",
    );
    const evalLine = eventLine({ kind: "eval", metrics: { kind: "eval", step: 2, problems: 4, samples: 2, pass1: 0.375, response_length: 9.4, seconds: 1 } }, 10);
    expect(evalLine).toBe("eval after step 2 · pass@1 0.375 (4 problems × 2 samples, no hint) · len 9");
  });
});
