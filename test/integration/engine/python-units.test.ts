/** Runs the engine's Python unit checks (test/python, plain unittest) with the Python the engine would use. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { ENGINE_PYTHONPATH } from "../../../src/trainer/protocol/launch.ts";
import { describeEngine, torchPython } from "./harness.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

describeEngine("the engine's Python unit checks", () => {
  it("pass (frames codec, loss gradients, micro-batch plans, top-p)", async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        torchPython!,
        ["-m", "unittest", "discover", "-s", "test/python", "-t", "test/python"],
        { cwd: root, env: { ...process.env, PYTHONPATH: ENGINE_PYTHONPATH, OPENBLAS_NUM_THREADS: "1" } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect(output, output).toMatch(/Ran \d+ tests/);
    expect(code, output).toBe(0);
  });
});
