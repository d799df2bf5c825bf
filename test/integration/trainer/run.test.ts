/**
 * `hintc compile` then `hintc run` end to end with the real Python engine on CPU: the fixture spec
 * (test/fixtures/run/arith.hint: a tiny built-in model on 24 problems of the bundled arith example, 4 steps,
 * checkpoints every 2), compiled by the real pipeline. A run trains, logs and checkpoints; a run whose hintc process is killed after a
 * checkpoint and resumed, and a run interrupted with Ctrl-C and resumed, end with byte-identical engine files,
 * metrics and rollouts to an uninterrupted run; a crashing engine gives HC6010 with its stderr tail, exit 1,
 * and a checkpoint the run resumes from. Most runs are in-process (main() with a fake terminal); the kill test
 * runs the real binary, since it kills hintc itself.
 */
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.ts";
import { childPids, commandLine, runCli } from "../../helpers/cli-process.ts";
import { fakeIo, type FakeIo } from "../../helpers/io.ts";
import { torchAvailable } from "../../helpers/trainer-engine.ts";

const hasTorch = await torchAvailable();
const SPEC = fileURLToPath(new URL("../../fixtures/run/arith.hint", import.meta.url));
const PROBLEMS = fileURLToPath(new URL("../../fixtures/run/arith.jsonl", import.meta.url));
const RUN = "runs/arith";
const roots: string[] = [];

/** A folder holding the spec, its problems and the data set `hintc compile` made of them. */
async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "hintc-run-"));
  roots.push(dir);
  await copyFile(SPEC, join(dir, "arith.hint"));
  await copyFile(PROBLEMS, join(dir, "arith.jsonl"));
  const compiled = await hintc(dir, ["compile", "arith.hint"]);
  expect(compiled.code).toBe(0);
  return dir;
}

const TIMING = new Set(["seconds", "tokens_per_second", "elapsed", "eta"]);
async function metrics(dir: string): Promise<unknown[]> {
  const text = await readFile(join(dir, RUN, "metrics.jsonl"), "utf8");
  return text.trim().split("\n").map((l) => JSON.parse(l, (k, v) => (TIMING.has(k) ? undefined : v)));
}
async function engineFiles(dir: string): Promise<Record<string, Buffer>> {
  const folder = join(dir, RUN, "checkpoints", "step-000004", "engine");
  const names = (await readdir(folder)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(folder, n))] as const)));
}
/** The whole end state of a run: engine files, metrics without timings, rollouts. */
async function endState(dir: string) {
  return { engine: await engineFiles(dir), metrics: await metrics(dir), rollouts: await readFile(join(dir, RUN, "rollouts.jsonl"), "utf8") };
}
function events(lines: string[]): Array<Record<string, unknown>> {
  return lines.join("").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}
async function hintc(dir: string, args: string[], onStdout?: (text: string, io: FakeIo) => void, env: NodeJS.ProcessEnv = {}) {
  const io = fakeIo(dir, { env: { ...process.env, NO_COLOR: "1", ...env }, ...(onStdout ? { onStdout } : {}) });
  const code = await main(args, io);
  return { code, out: io.out.join(""), err: io.err.join(""), io };
}
const engineChild = (parent: number) => childPids(parent).find((pid) => commandLine(pid).includes("-m engine"));

let reference: string;
let expected: Awaited<ReturnType<typeof endState>>;
beforeAll(async () => {
  if (!hasTorch) return;
  reference = await project();
  const run = await hintc(reference, ["run", "arith.hint", "--json"]);
  expect(run.code).toBe(0);
  expected = await endState(reference);
}, 120_000);
afterAll(async () => {
  for (const dir of roots) await rm(dir, { recursive: true, force: true });
});

describe.runIf(hasTorch)("hintc run with the real engine", () => {
  it("trains every step, evaluates, checkpoints and logs each rollout's extracted answer", async () => {
    const kinds = expected.metrics.map((l) => `${(l as { kind: string }).kind}@${(l as { step: number }).step}`);
    expect(kinds).toEqual(["eval@0", "step@1", "step@2", "eval@2", "step@3", "step@4", "eval@4"]);
    expect((await readdir(join(reference, RUN, "checkpoints"))).sort()).toEqual(["latest", "step-000002", "step-000004"]);
    expect((await readFile(join(reference, RUN, "checkpoints/latest"), "utf8")).trim()).toBe("step-000004");
    const rollouts = expected.rollouts.trim().split("\n").map((l) => JSON.parse(l));
    // 2 problems × (2 unhinted + 3 hint levels × 1 + the reference) = 12 per step.
    expect(rollouts).toHaveLength(48);
    const ref = rollouts.find((r) => r.kind === "reference");
    expect(ref).toMatchObject({ correct: true, reward: 1, status: "correct" });
    expect(ref.extracted).toMatch(/^\d+$/);
    expect(rollouts.filter((r) => r.kind === "hint").every((r) => r.forced_tokens > 0)).toBe(true);
  });

  it("resumes a run whose process was killed after a checkpoint, ending in the same state", async () => {
    const dir = await project();
    let killed = false;
    const run = runCli(["run", "arith.hint", "--json"], dir, (line, r) => {
      if (killed || !line.includes('"event":"checkpoint"')) return;
      killed = true;
      r.child.kill("SIGKILL");
    });
    expect((await run.exit).signal).toBe("SIGKILL");
    expect(events(run.stdout.map((l) => `${l}\n`)).some((e) => e.event === "end")).toBe(false);
    const resumed = await hintc(dir, ["run", "arith.hint", "--resume", "--json"]);
    expect(resumed.code).toBe(0);
    const start = events([resumed.out]).find((e) => e.event === "start")!;
    expect(start).toMatchObject({ resumed: true, step: 2 });
    expect(await endState(dir)).toEqual(expected);
  }, 120_000);

  it("finishes the step and saves on Ctrl-C (exit 130), then resumes to the same state", async () => {
    const dir = await project();
    const interrupted = await hintc(dir, ["run", "arith.hint"], (text, io) => {
      if (text.startsWith("step 1/")) io.controller.abort();
    });
    expect(interrupted.code).toBe(130);
    expect(interrupted.out).toContain("interrupted after step 1");
    expect(interrupted.out).toContain("resume with: hintc run arith.hint --resume");
    expect((await readFile(join(dir, RUN, "checkpoints/latest"), "utf8")).trim()).toBe("step-000001");
    const resumed = await hintc(dir, ["run", "arith.hint", "--resume"]);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain("resuming after step 1 of 4");
    expect(await endState(dir)).toEqual(expected);
  }, 120_000);

  it("reports a crashed engine with its stderr tail and exit 1, and resumes from the last checkpoint", async () => {
    const dir = await project();
    // faulthandler makes the dying worker print a fatal-error report to its stderr.
    const crashed = await hintc(dir, ["run", "arith.hint"], (text) => {
      if (text.startsWith("checkpoint after step 2")) process.kill(engineChild(process.pid)!, "SIGSEGV");
    }, { PYTHONFAULTHANDLER: "1" });
    expect(crashed.code).toBe(1);
    expect(crashed.err).toMatch(/error\[HC6010\]: training stopped at step 3: the engine failed: the engine was killed by SIGSEGV/);
    expect(crashed.err).toContain("help: engine stderr (last lines):");
    expect(crashed.err).toContain("Fatal Python error: Segmentation fault");
    expect(crashed.err).toContain("the last checkpoint (step 2, ");
    const resumed = await hintc(dir, ["run", "arith.hint", "--resume"]);
    expect(resumed.code).toBe(0);
    expect(await endState(dir)).toEqual(expected);
  }, 120_000);

  it("refuses to start over a run without --resume, and to resume with another spec", async () => {
    const again = await hintc(reference, ["run", "arith.hint"]);
    expect(again.code).toBe(1);
    expect(again.err).toContain("error[HC6007]");
    expect(again.err).toContain("already holds a run (last checkpoint at step 4)");
    const spec = await readFile(join(reference, "arith.hint"), "utf8");
    await writeFile(join(reference, "other.hint"), spec.replace("lr: 0.001", "lr: 0.002"));
    const other = await hintc(reference, ["run", "other.hint", "--resume"]);
    expect(other.code).toBe(1);
    expect(other.err).toContain("train.lr is 0.001 there and 0.002 in this spec");
  });
});
