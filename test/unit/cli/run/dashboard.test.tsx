import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { initialDashboard, reduceDashboard, RunDashboard } from "../../../../src/cli/run/dashboard.tsx";
import type { RunEvent } from "../../../../src/trainer/driver.ts";
import { stepMetricsExample } from "../../../helpers/metrics.ts";

const start: RunEvent = {
  kind: "start",
  step: 0,
  steps: 10,
  engine: { protocol: 1, engine_version: "0.1.0", device: "cpu (2 threads)", world_size: 1, vocab_size: 18, eos_token_ids: [1], model_name: "builtin", pad_token_id: 0, max_len: 64, parameters: 15968, torch_version: "1.13", strategy: "ddp", precision: "fp32" },
  budget: { schedule: "static", min: 12, max: 12, generatedMax: 11, note: "5 unhinted + 2×3 hinted + 1 reference" },
  runDir: "runs/x",
  resumed: false,
};

function replay(events: RunEvent[]) {
  return events.reduce(reduceDashboard, initialDashboard("stephint", 10));
}

describe("the run dashboard", () => {
  it("shows progress, a row per level, the training numbers and the held-out curve", () => {
    const state = replay([
      start,
      { kind: "eval", metrics: { kind: "eval", step: 0, problems: 4, samples: 2, pass1: 0.125, response_length: 9, seconds: 1 } },
      { kind: "step", metrics: stepMetricsExample(5) },
      { kind: "checkpoint", step: 5, dir: "runs/x/checkpoints/step-000005" },
    ]);
    const frame = render(<RunDashboard state={state} />).lastFrame() ?? "";
    expect(frame).toContain("hintc run stephint · builtin on cpu (2 threads) · 16.0k parameters");
    expect(frame).toContain("group: 5 unhinted + 2×3 hinted + 1 reference (12 rollouts)");
    expect(frame).toContain("step 5/10 · 1.4k tok/s · elapsed 1m03s · eta 3m20s");
    expect(frame).toMatch(/no hint\s+10\s+0\.10\s+0\.10\s+50/);
    expect(frame).toMatch(/L2\s+4\s+0\.50\s+0\.50\s+30/);
    expect(frame).toMatch(/ref\s+2\s+1\.00\s+1\.00\s+0/);
    expect(frame).toContain("clip 0.021");
    expect(frame).toContain("held-out pass@1: 0.125 @0");
    expect(frame).toContain("checkpoint after step 5: runs/x/checkpoints/step-000005");
  });

  it("keeps the last five warnings", () => {
    const warnings: RunEvent[] = [1, 2, 3, 4, 5, 6].map((i) => ({
      kind: "diagnostic",
      diagnostic: { code: "HC6004", severity: "warning", message: `problem p${i} skipped` },
    }));
    const state = replay([start, ...warnings]);
    expect(state.warnings).toHaveLength(5);
    expect(state.warnings[0]).toBe("warning[HC6004]: problem p2 skipped");
  });
});
