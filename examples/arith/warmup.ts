/**
 * The supervised warm-up of the toy's model, through the engine's sft_step: a fresh built-in model learns to
 * write step-by-step chains of 1..4 operations, with ordinary label smoothing (over the whole vocabulary) at
 * each step's result digits, so that at T = 1 it slips now and then (the near-miss regime where hints help).
 * Saves the checkpoint RL starts from and prints the starting success on fresh hard problems at each hint level.
 *
 *   npx tsx examples/arith/warmup.ts [--out examples/arith/out/warmup] [--steps 1000] [--probe-every 100]
 *
 * With --probe-every N it also saves a checkpoint every N steps under OUT-steps/step-NNNN and probes it (T = 1
 * over 8 samples and greedy, each hint level), appending {step, t1, greedy} to OUT-steps/probes.jsonl: the
 * record `calibrate.ts` picks the starting point from (README.md, "Design v2.1"). Probing does not change the
 * training: the same steps, data and engine seed give the same checkpoints.
 *
 * Fixed settings (README.md, "Design v2"): 1000 steps × 128 problems, k uniform in 1..4, AdamW lr 1e-3 betas
 * (0.9, 0.99), clip 1.0, smoothing ε = 0.35 over the whole vocabulary at result digits, seed 7 for problems and
 * 0 for the engine.
 * Problems of data/problems.jsonl are never trained on. About 5 minutes on two CPU cores.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { EngineClient } from "../../src/trainer/protocol/client.ts";
import type { EngineConfig, SftBatch } from "../../src/trainer/protocol/engine.ts";
import { successByLevel } from "./probe.ts";
import { mulberry32 } from "../../src/runtime/random.ts";
import { HARD_K, makeProblem, resultDigitOffsets, VOCAB, type ArithProblem } from "./task.ts";

/** The toy's model: d 128, 3 layers, 4 heads (d 64 did not learn in the feasibility run). */
export const MODEL = { vocab: VOCAB, d_model: 128, layers: 3, heads: 4, max_len: 64 };
export const WARMUP = { steps: 1000, batch: 128, lr: 1e-3, smoothing: 0.35, problemSeed: 7, engineSeed: 0 };

const EOS = 1;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function heldOutProblems(): Set<string> {
  const lines = readFileSync(here("data/problems.jsonl"), "utf8").trim().split("\n");
  return new Set(lines.map((l) => (JSON.parse(l) as { problem: string }).problem));
}

/** One sequence: prompt, chain, <eos>; weights on the response, smoothing at the result digits. */
function example(p: ArithProblem): { tokens: number[]; weights: number[]; smoothing: number[] } {
  const text = p.problem + p.chain;
  const tokens = [...Array.from(text, (c) => VOCAB.indexOf(c) + 2), EOS];
  const start = p.problem.length;
  const weights = tokens.map((_, i) => (i >= start ? 1 : 0));
  const smoothing = tokens.map(() => 0);
  for (const off of resultDigitOffsets(p.chain)) smoothing[start + off] = WARMUP.smoothing;
  return { tokens, weights, smoothing };
}

function batchOf(examples: ReturnType<typeof example>[], lr: number): SftBatch {
  const offsets = new Int32Array(examples.length + 1);
  examples.forEach((e, i) => (offsets[i + 1] = offsets[i]! + e.tokens.length));
  return {
    tokens: { values: new Int32Array(examples.flatMap((e) => e.tokens)), offsets },
    weights: { values: new Float32Array(examples.flatMap((e) => e.weights)), offsets },
    smoothing: { values: new Float32Array(examples.flatMap((e) => e.smoothing)), offsets },
    // No smoothing_support: the mass goes to every token of the vocabulary (ordinary label smoothing, as the
    // recorded design says); run 1 spread it over the ten digits and started RL from an easier point.
    token_budget: 1 << 16,
    lr,
  };
}

export function engineConfig(seed: number): EngineConfig {
  return {
    model: { kind: "builtin", config: MODEL, init: null },
    seed,
    device: "cpu",
    optimizer: { lr: WARMUP.lr, weight_decay: 0, betas: [0.9, 0.99], grad_clip: 1.0 },
    reference_model: false,
  };
}

/** The probe's problems: 200 fresh hard ones from seed 99, none of data/problems.jsonl. */
function probeProblems(avoid: Set<string>): ArithProblem[] {
  const probe = mulberry32(99);
  return Array.from({ length: 200 }, () => makeProblem(probe, HARD_K, "p")).filter((p) => !avoid.has(p.problem));
}

/** Saves the checkpoint of `step` and appends its success by level (T = 1 over 8 samples, and greedy). */
async function probeCheckpoint(engine: EngineClient, dir: string, step: number, fresh: ArithProblem[]): Promise<void> {
  await engine.save(join(dir, `step-${String(step).padStart(4, "0")}`));
  const t1 = await successByLevel(engine, fresh, { samples: 8, temperature: 1, seed: 5 });
  const greedy = await successByLevel(engine, fresh, { samples: 1, temperature: 0, seed: 5 });
  appendFileSync(join(dir, "probes.jsonl"), JSON.stringify({ step, t1, greedy }) + "\n");
  process.stdout.write(`  probe at step ${step}: T = 1 ${t1.map((x) => x.toFixed(3)).join(" ")}; greedy ${greedy.map((x) => x.toFixed(3)).join(" ")}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" }, steps: { type: "string" }, "probe-every": { type: "string" } } });
  const out = resolve(values.out ?? here("out/warmup"));
  const steps = Number(values.steps ?? WARMUP.steps);
  const probeEvery = Number(values["probe-every"] ?? 0);
  const stepsDir = `${out}-steps`;
  if (probeEvery > 0) {
    rmSync(stepsDir, { recursive: true, force: true });
    mkdirSync(stepsDir, { recursive: true });
  }
  const avoid = heldOutProblems();
  const fresh = probeProblems(avoid);
  const next = mulberry32(WARMUP.problemSeed);
  const engine = await EngineClient.start(engineConfig(WARMUP.engineSeed), { onStderr: (line) => process.stderr.write(`engine: ${line}\n`) });
  const t0 = Date.now();
  try {
    for (let step = 1; step <= steps; step++) {
      const examples: ReturnType<typeof example>[] = [];
      while (examples.length < WARMUP.batch) {
        const p = makeProblem(next, 1 + Math.floor(next() * HARD_K), "w");
        if (!avoid.has(p.problem)) examples.push(example(p));
      }
      const m = await engine.sftStep(batchOf(examples, WARMUP.lr));
      if (step % 50 === 0 || step === 1) {
        const s = (Date.now() - t0) / 1000;
        process.stdout.write(`step ${step}/${steps}  loss ${m.loss.toFixed(4)}  nll ${m.nll.toFixed(4)}  ${s.toFixed(0)} s\n`);
      }
      if (probeEvery > 0 && step % probeEvery === 0) await probeCheckpoint(engine, stepsDir, step, fresh);
    }
    await engine.save(out);
    process.stdout.write(`saved ${out}\n`);
    const t1 = await successByLevel(engine, fresh, { samples: 2, temperature: 1, seed: 5 });
    const greedy = await successByLevel(engine, fresh, { samples: 1, temperature: 0, seed: 5 });
    process.stdout.write(`success on ${fresh.length} fresh hard problems by hint level 0..${HARD_K - 1}:\n`);
    process.stdout.write(`  T = 1:   ${t1.map((x) => x.toFixed(3)).join("  ")}\n  greedy:  ${greedy.map((x) => x.toFixed(3)).join("  ")}\n`);
  } finally {
    await engine.shutdown();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
