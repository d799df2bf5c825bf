/**
 * Throughput of the math reward check, single process: `npx tsx bench/verify.ts [N]` (N = 10,000).
 * The cases cycle through the math cases of the labelled corpus (test/fixtures/verify/: MATH-500 solutions
 * and rewrites, MATH, AIME, AMC, Minerva, OlympiadBench, GSM8K, real R1 traces, hand-written cases) and
 * MATH-500's reference solutions. The baseline is a plain string-equality check on the same cases (the last
 * \boxed{...} found by a regular expression, compared with the gold as text), timed in the same run.
 * Also printed: the one-off costs (loading the LaTeX parser, starting a worker) and VerifierPool throughput.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { checkAnswer } from "../src/runtime/verify/check.ts";
import { defaultCheck } from "../src/runtime/verify/defaults.ts";
import { preloadParser } from "../src/runtime/verify/mathjson.ts";
import { VerifierPool } from "../src/runtime/verify/pool.ts";
import { loadCorpus } from "../test/support/verify-corpus.ts";

interface Case {
  gold: string;
  pred: string;
}

const N = Number(process.argv[2] ?? 10_000);
const check = defaultCheck("math");

function realisticCases(n: number): Case[] {
  const pool: Case[] = loadCorpus()
    .filter((c) => c.kind === "math")
    .map((c) => ({ gold: String(c.gold), pred: c.pred }));
  const math500 = readFileSync(new URL("../test/fixtures/verify/sources/math500.jsonl", import.meta.url), "utf8").trim().split("\n");
  for (const line of math500) {
    const r = JSON.parse(line) as { answer: string; solution: string };
    pool.push({ gold: r.answer, pred: r.solution });
  }
  return Array.from({ length: n }, (_, i) => pool[(i * 7919) % pool.length]!);
}

/** The naive reward: the last \boxed{…} without nested braces, compared with the gold as a string. */
function stringEquality(gold: string, pred: string): boolean {
  const boxes = pred.match(/\\boxed\{([^{}]*)\}/g);
  const last = boxes === null ? pred : boxes[boxes.length - 1]!.slice(7, -1);
  return last.trim() === gold.trim();
}

function rate(label: string, cases: Case[], run: (c: Case) => boolean): number {
  const start = process.hrtime.bigint();
  let accepted = 0;
  for (const c of cases) if (run(c)) accepted++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = cases.length / seconds;
  console.log(`${label.padEnd(34)} ${perSecond.toFixed(0).padStart(9)} checks/s  (${(seconds * 1000).toFixed(0)} ms, ${accepted} accepted)`);
  return perSecond;
}

async function poolRate(cases: Case[], threads: number): Promise<void> {
  const pool = new VerifierPool({ threads });
  const t0 = performance.now();
  await pool.checkMany(Array.from({ length: threads }, () => ({ check, gold: "1", response: "\\boxed{1}" })));
  const startup = performance.now() - t0;
  const t1 = performance.now();
  await pool.checkMany(cases.map((c) => ({ check, gold: c.gold, response: c.pred })));
  const seconds = (performance.now() - t1) / 1000;
  await pool.close();
  console.log(`VerifierPool, ${threads} thread(s)`.padEnd(34), `${(cases.length / seconds).toFixed(0).padStart(9)} checks/s  (workers ready in ${startup.toFixed(0)} ms)`);
}

const cases = realisticCases(N);
const bytes = cases.reduce((s, c) => s + c.pred.length, 0);
console.log(`${N} math checks, mean response ${(bytes / N / 1024).toFixed(1)} KiB, ${availableParallelism()} cores\n`);
const t0 = performance.now();
preloadParser();
console.log(`LaTeX parser load (once)            ${(performance.now() - t0).toFixed(0)} ms`);
rate("warm-up (not counted)", cases.slice(0, 500), (c) => checkAnswer(check, c.gold, c.pred).correct);
const baseline = rate("baseline: string equality", cases, (c) => stringEquality(c.gold, c.pred));
const math = rate("math check (checkAnswer)", cases, (c) => checkAnswer(check, c.gold, c.pred).correct);
console.log(`\nmath check / baseline: ${(math / baseline).toFixed(4)}  (target: math ≥ 2,000 checks/s on one core: ${math >= 2000 ? "met" : "NOT met"})`);
await poolRate(cases.slice(0, Math.min(N, 4000)), 1);
