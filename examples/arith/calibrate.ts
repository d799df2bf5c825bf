/**
 * Picks RL's starting point from a probed warm-up (README.md, "Design v2.1"): among the checkpoints that
 * `warmup.ts --probe-every N` saved, the one whose probe is closest to the starting point recorded in
 * /work/shared/toy-replication.md, by the largest |ln(measured / recorded)| over the four T = 1 success rates
 * (hint levels 0..3) and the unhinted greedy accuracy. The rule was fixed before the probed run; a checkpoint is
 * accepted only within a factor 1.5 on all five. Copies the chosen checkpoint to out/warmup.
 *
 *   npx tsx examples/arith/calibrate.ts [--steps-dir examples/arith/out/warmup-steps] [--out examples/arith/out/warmup]
 */
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** The recorded starting point: T = 1 success at hint levels 0..3, and the greedy (unhinted) accuracy. */
export const RECORDED = { t1: [0.029, 0.049, 0.103, 0.279], greedy: 0.53 };
/** Accept a checkpoint only within this factor of every recorded number. */
export const TOLERANCE = 1.5;

export interface Probe {
  step: number;
  t1: number[];
  greedy: number[];
}

/** The largest |ln(measured / recorded)| over the five numbers (Infinity when a measured rate is 0). */
export function distance(p: Probe): number {
  const pairs: Array<[number, number]> = [...RECORDED.t1.map((r, i): [number, number] => [p.t1[i]!, r]), [p.greedy[0]!, RECORDED.greedy]];
  return Math.max(...pairs.map(([m, r]) => (m > 0 ? Math.abs(Math.log(m / r)) : Infinity)));
}

/** The closest probe (the earliest on a tie), and whether it is within the tolerance. */
export function choose(probes: Probe[]): { best: Probe; accepted: boolean } {
  const best = probes.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  return { best, accepted: distance(best) <= Math.log(TOLERANCE) };
}

function main(): number {
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const { values } = parseArgs({ options: { "steps-dir": { type: "string" }, out: { type: "string" } } });
  const dir = resolve(values["steps-dir"] ?? here("out/warmup-steps"));
  const out = resolve(values.out ?? here("out/warmup"));
  const probes = readFileSync(join(dir, "probes.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Probe);
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(" ");
  process.stdout.write(`recorded: T = 1 ${fmt(RECORDED.t1)}; greedy ${RECORDED.greedy.toFixed(3)}\n`);
  for (const p of probes) process.stdout.write(`step ${String(p.step).padStart(4)}: T = 1 ${fmt(p.t1)}; greedy ${p.greedy[0]!.toFixed(3)}; factor ${Math.exp(distance(p)).toFixed(2)}\n`);
  const { best, accepted } = choose(probes);
  process.stdout.write(`closest: step ${best.step} (within a factor ${Math.exp(distance(best)).toFixed(2)} of every recorded number)\n`);
  if (!accepted) {
    process.stdout.write(`no checkpoint is within a factor ${TOLERANCE}: the recorded starting point is not reproduced; nothing copied\n`);
    return 1;
  }
  rmSync(out, { recursive: true, force: true });
  cpSync(join(dir, `step-${String(best.step).padStart(4, "0")}`), out, { recursive: true });
  process.stdout.write(`copied step ${best.step} to ${out}\n`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();
