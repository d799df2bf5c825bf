/**
 * `hintc run` end to end with the real Python engine on CPU: the bundled fixture spec (test/fixtures/run/arith.hint,
 * a tiny built-in model on arithmetic problems) over a data set written by the dataset stage's writer. A run
 * trains, logs and checkpoints; a run killed after a checkpoint and resumed, and a run interrupted with Ctrl-C
 * and resumed, end with byte-identical engine files, logs and rollouts to an uninterrupted run; a crashing
 * engine gives HC6010 with its stderr tail, exit 1, and a checkpoint the run resumes from.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../../src/compiler/index.ts";
import type { HintIR } from "../../../src/ir/index.ts";
import { childPids, commandLine, runCli, type CliRun } from "../../helpers/cli-process.ts";
import { writeDataset } from "../../helpers/dataset.ts";
import { arithProblems } from "../../helpers/problems.ts";
import { torchAvailable } from "../../helpers/trainer-engine.ts";

const hasTorch = await torchAvailable();
const SPEC = fileURLToPath(new URL("../../fixtures/run/arith.hint", import.meta.url));
const RUN = "runs/arith";
const roots: string[] = [];

/** A folder holding the spec and its compiled data set: 24 three-operation problems, 20 train and 4 test. */
async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "hintc-run-"));
  roots.push(dir);
  await copyFile(SPEC, join(dir, "arith.hint"));
  const compiled = await compile("arith.hint", { cwd: dir });
  const ir = compiled.ir as HintIR;
  const problems = arithProblems(24, 3, 5).map((p, i) => ({ ...p, split: i < 20 ? "train" : "test" }));
  await mkdir(join(dir, "out"));
  await writeDataset(join(dir, "out/arith.arrow"), "arrow", ir, await readFile(join(dir, "arith.hint"), "utf8"), problems);
  return dir;
}

const TIMING = new Set(["seconds", "tokens_per_second", "elapsed", "eta"]);
async function metrics(dir: string): Promise<unknown[]> {
  const text = await readFile(join(dir, RUN, "metrics.jsonl"), "utf8");
  return text.trim().split("\n").map((l) => JSON.parse(l, (k, v) => (TIMING.has(k) ? undefined : v)));
}
async function engineFiles(dir: string, step: string): Promise<Record<string, Buffer>> {
  const folder = join(dir, RUN, "checkpoints", step, "engine");
  const names = (await readdir(folder)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(folder, n))] as const)));
}
function events(run: CliRun): Array<Record<string, unknown>> {
  return run.stdout.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}
/** Sends a signal once the run reports a checkpoint (or, for "step", a finished step). */
function on(kind: "checkpoint" | "step", signal: NodeJS.Signals, target: (run: CliRun) => number = (r) => r.child.pid!) {
  let sent = false;
  return (line: string, run: CliRun) => {
    if (sent || !line.startsWith("{") || JSON.parse(line).event !== kind) return;
    sent = true;
    process.kill(target(run), signal);
  };
}
const enginePid = (run: CliRun) => childPids(run.child.pid!).find((pid) => commandLine(pid).includes("engine"))!;

let reference: string;
beforeAll(async () => {
  if (!hasTorch) return;
  reference = await project();
  const run = runCli(["run", "arith.hint", "--json"], reference);
  expect((await run.exit).code).toBe(0);
}, 180_000);
afterAll(async () => {
  for (const dir of roots) await rm(dir, { recursive: true, force: true });
});

describe.runIf(hasTorch)("hintc run with the real engine", () => {
  it("trains every step, evaluates, checkpoints and logs each rollout's extracted answer", async () => {
    const lines = await metrics(reference);
    const kinds = lines.map((l) => `${(l as { kind: string }).kind}@${(l as { step: number }).step}`);
    expect(kinds).toEqual(["eval@0", "step@1", "step@2", "eval@2", "step@3", "step@4", "eval@4", "step@5", "step@6", "eval@6"]);
    expect((await readdir(join(reference, RUN, "checkpoints"))).sort()).toEqual(["latest", "step-000002", "step-000004", "step-000006"]);
    expect((await readFile(join(reference, RUN, "checkpoints/latest"), "utf8")).trim()).toBe("step-000006");
    const rollouts = (await readFile(join(reference, RUN, "rollouts.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    // 2 problems × (2 unhinted + 3 hint levels × 1 + the reference) = 10 per step.
    expect(rollouts).toHaveLength(60);
    const ref = rollouts.find((r) => r.kind === "reference");
    expect(ref).toMatchObject({ correct: true, reward: 1, status: "correct" });
    expect(ref.extracted).toMatch(/^\d+$/);
    expect(rollouts.filter((r) => r.kind === "hint").every((r) => r.forced_tokens > 0)).toBe(true);
  });

  it("resumes a run killed after a checkpoint and ends in the same state as the uninterrupted run", async () => {
    const dir = await project();
    const killed = runCli(["run", "arith.hint", "--json"], dir, on("checkpoint", "SIGKILL"));
    expect((await killed.exit).signal).toBe("SIGKILL");
    expect(events(killed).some((e) => e.event === "end")).toBe(false);
    const resumed = runCli(["run", "arith.hint", "--resume", "--json"], dir);
    expect((await resumed.exit).code).toBe(0);
    const start = events(resumed).find((e) => e.event === "start")!;
    expect(start.resumed).toBe(true);
    expect(start.step).toBeLessThan(6);
    expect(await metrics(dir)).toEqual(await metrics(reference));
    expect(await readFile(join(dir, RUN, "rollouts.jsonl"), "utf8")).toBe(await readFile(join(reference, RUN, "rollouts.jsonl"), "utf8"));
    expect(await engineFiles(dir, "step-000006")).toEqual(await engineFiles(reference, "step-000006"));
  });

  it("finishes the step and saves on Ctrl-C (exit 130), then resumes to the same state", async () => {
    const dir = await project();
    const interrupted = runCli(["run", "arith.hint"], dir, (line, run) => {
      if (line.startsWith("step 1/")) run.child.kill("SIGINT");
    });
    expect((await interrupted.exit).code).toBe(130);
    const out = interrupted.stdout.join("\n");
    expect(out).toMatch(/interrupted after step \d/);
    expect(out).toContain("resume with: hintc run arith.hint --resume");
    const resumed = runCli(["run", "arith.hint", "--resume"], dir);
    expect((await resumed.exit).code).toBe(0);
    expect(await engineFiles(dir, "step-000006")).toEqual(await engineFiles(reference, "step-000006"));
    expect(await metrics(dir)).toEqual(await metrics(reference));
  });

  it("reports a crashed engine with its stderr tail and exit 1, and resumes from the last checkpoint", async () => {
    const dir = await project();
    // faulthandler makes the dying worker print a fatal-error report to its stderr.
    const crashed = runCli(["run", "arith.hint"], dir, (line, run) => {
      if (line.startsWith("checkpoint after step 2")) process.kill(enginePid(run), "SIGSEGV");
    }, { PYTHONFAULTHANDLER: "1" });
    expect((await crashed.exit).code).toBe(1);
    const err = crashed.stderr.join("");
    expect(err).toMatch(/error\[HC6010\]: training stopped at step \d: the engine failed: the engine was killed by SIGSEGV/);
    expect(err).toContain("Fatal Python error");
    expect(err).toMatch(/the last checkpoint \(step [24]/);
    const resumed = runCli(["run", "arith.hint", "--resume"], dir);
    expect((await resumed.exit).code).toBe(0);
    expect(await engineFiles(dir, "step-000006")).toEqual(await engineFiles(reference, "step-000006"));
  });

  it("refuses to start over a run without --resume, and to resume with another spec", async () => {
    const again = runCli(["run", "arith.hint"], reference);
    expect((await again.exit).code).toBe(1);
    expect(again.stderr.join("")).toContain("error[HC6007]");
    const spec = await readFile(join(reference, "arith.hint"), "utf8");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(join(reference, "other.hint"), spec.replace("lr: 0.001", "lr: 0.002"));
    const other = runCli(["run", "other.hint", "--resume"], reference);
    expect((await other.exit).code).toBe(1);
    expect(other.stderr.join("")).toContain("error[HC6009]: the checkpoint in");
    expect(other.stderr.join("")).toContain("train.lr is 0.001 there and 0.002 in this spec");
  });
});
