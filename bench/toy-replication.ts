/**
 * The toy replication of StepHint on CPU (examples/arith/README.md): for two seeds, `hintc run` with StepHint's
 * group (5 unhinted + 2 per hint level 1..3 + the reference) and with plain GRPO (12 unhinted), equal in
 * learning rate, problems per step and rollouts per group, both from the same warm-up checkpoint. Prints both
 * held-out curves (no hint, T = 1, pass@1 over 2 samples), the ratio of their areas under the curve, and the
 * ratio at the last step. Target: area ratio >= 1.2 on every seed, the whole benchmark under 15 minutes on CPU.
 *
 *   npx tsx bench/toy-replication.ts [--seeds 1,2]
 *
 * When examples/arith/out/warmup holds no checkpoint, first runs the probed warm-up and picks the starting point
 * closest to the recorded one (warmup.ts --probe-every 100, then calibrate.ts: README "Design v2.1"; about 6
 * minutes more on idle cores).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ARITH = join(ROOT, "examples/arith");
/** Outside examples/ (whose .hint files the golden test compiles): the seed variants and their runs. */
const WORK = join(ROOT, "out/toy-replication");
const ARMS = ["stephint", "grpo"] as const;
type Arm = (typeof ARMS)[number];

interface Curve {
  steps: number[];
  pass1: number[];
  seconds: number;
  cpuSeconds: number;
}

/**
 * CPU seconds (user + system) of the finished child processes, the engine included: Linux adds a waited-for
 * child's own time and its children's to the parent's cutime/cstime (/proc/self/stat fields 16 and 17, ticks
 * of 1/100 s). Wall time on a shared machine mostly measures the neighbours; this does not.
 */
function childCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const load = (): string => loadavg().map((x) => x.toFixed(1)).join(" ");

/** The committed spec with another seed and its paths made absolute under WORK (each replacement hits exactly once). */
function variant(arm: Arm, seed: number): string {
  let text = readFileSync(join(ARITH, `${arm}.hint`), "utf8");
  const swaps: Array<[RegExp, string]> = [
    [/^seed: \d+$/m, `seed: ${seed}`],
    [/file: "data\/problems\.jsonl"/, `file: ${JSON.stringify(join(ARITH, "data/problems.jsonl"))}`],
    [/init: "out\/warmup"/, `init: ${JSON.stringify(join(ARITH, "out/warmup"))}`],
    [/path: "out\/arith-\w+\.arrow"/, `path: "arith-${arm}-s${seed}.arrow"`],
    [/run_dir: "out\/runs\/\w+"/, `run_dir: "runs/${arm}-s${seed}"`],
  ];
  for (const [pattern, replacement] of swaps) {
    if ((text.match(new RegExp(pattern.source, `g${pattern.flags}`)) ?? []).length !== 1) throw new Error(`${arm}.hint: expected one ${pattern}`);
    text = text.replace(pattern, replacement);
  }
  const path = join(WORK, `${arm}-s${seed}.hint`);
  writeFileSync(path, text);
  return path;
}

function hintc(args: string[]): void {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/hintc.js"), ...args], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`hintc ${args.join(" ")} exited with ${r.status}`);
}

function run(arm: Arm, seed: number): Curve {
  const spec = variant(arm, seed);
  rmSync(join(WORK, "runs", `${arm}-s${seed}`), { recursive: true, force: true });
  hintc(["compile", spec]);
  const t0 = Date.now();
  const c0 = childCpuSeconds();
  hintc(["run", spec, "--json"]);
  const seconds = (Date.now() - t0) / 1000;
  const cpuSeconds = childCpuSeconds() - c0;
  const evals = readFileSync(join(WORK, "runs", `${arm}-s${seed}`, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { kind: string; step: number; pass1: number })
    .filter((m) => m.kind === "eval");
  return { steps: evals.map((e) => e.step), pass1: evals.map((e) => e.pass1), seconds, cpuSeconds };
}

/** Trapezoid area under pass@1 over training steps. */
export function area(c: Pick<Curve, "steps" | "pass1">): number {
  let a = 0;
  for (let i = 1; i < c.steps.length; i++) a += ((c.pass1[i]! + c.pass1[i - 1]!) / 2) * (c.steps[i]! - c.steps[i - 1]!);
  return a;
}

function ensureWarmup(): void {
  if (existsSync(join(ARITH, "out/warmup/engine.json"))) return;
  process.stdout.write("no warm-up checkpoint: running examples/arith/warmup.ts --probe-every 100 and calibrate.ts first\n");
  for (const args of [[join(ARITH, "warmup.ts"), "--probe-every", "100"], [join(ARITH, "calibrate.ts")]]) {
    const r = spawnSync(process.execPath, ["--import", "tsx", ...args], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`${args[0]} failed: no starting point for RL`);
  }
}

function main(): number {
  const { values } = parseArgs({ options: { seeds: { type: "string", default: "1,2" } } });
  const seeds = values.seeds!.split(",").map(Number);
  const t0 = Date.now();
  process.stdout.write(`load average at the start ${load()} (1, 5, 15 min)\n`);
  ensureWarmup();
  mkdirSync(WORK, { recursive: true });
  let met = true;
  for (const seed of seeds) {
    const curves = {} as Record<Arm, Curve>;
    for (const arm of ARMS) {
      curves[arm] = run(arm, seed);
      process.stdout.write(`seed ${seed} ${arm}: ${curves[arm].seconds.toFixed(0)} s wall, ${curves[arm].cpuSeconds.toFixed(0)} s CPU, load average ${load()}\n`);
    }
    const s = curves.stephint;
    const g = curves.grpo;
    process.stdout.write(`\nseed ${seed}: held-out pass@1 (no hint, T = 1, 2 samples)\n  step      ${s.steps.map((x) => String(x).padStart(6)).join("")}\n`);
    for (const arm of ARMS) process.stdout.write(`  ${arm.padEnd(9)} ${curves[arm].pass1.map((x) => x.toFixed(3).padStart(6)).join("")}\n`);
    const areaRatio = area(s) / Math.max(area(g), 1e-9);
    const lastRatio = s.pass1.at(-1)! / Math.max(g.pass1.at(-1)!, 1e-9);
    process.stdout.write(`  area ratio StepHint/GRPO ${areaRatio.toFixed(2)} (target >= 1.2) · ratio at the last step ${lastRatio.toFixed(2)}\n\n`);
    met &&= areaRatio >= 1.2;
  }
  const minutes = (Date.now() - t0) / 60000;
  const cpuMinutes = (childCpuSeconds() + process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6) / 60;
  process.stdout.write(`total ${minutes.toFixed(1)} min wall, ${cpuMinutes.toFixed(1)} min CPU (target < 15 on CPU) · load average at the end ${load()}\n`);
  process.stdout.write(`area target ${met ? "met" : "NOT met"} on every seed\n`);
  process.stdout.write("caveat: the StepHint group holds a free correct chain (equal rollouts, not equal information) and generates fewer tokens\n");
  return met ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();
