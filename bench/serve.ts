/**
 * Verdicts per second through the reward service against direct library calls, in the same run:
 *
 *   npx tsx bench/serve.ts [--items 40000] [--batch 256] [--concurrency 8] [--threads 1] [--rounds 3]
 *
 * The cases are bench/verify.ts's: the math cases of the labelled corpus (test/fixtures/verify/) and MATH-500's
 * reference solutions, as {gold, response} pairs, cut into batches of `--batch`.
 * - direct: `VerifierPool.checkMany` on each batch in this process, `--concurrency` batches at a time, with
 *   `--threads` worker threads: what a trainer calling the library gets.
 * - service: the real CLI, `bin/hintc.js serve-rewards --threads T`, in a process of its own on loopback; the
 *   same batches POSTed to /v1/verify by fetch, `--concurrency` requests in flight. Every verdict is compared
 *   with the direct run's, so a fast wrong answer cannot pass.
 * Both are timed by the wall clock, after a warm-up pass each, in alternating rounds; the figures are the medians.
 * Target: service / direct ≥ 0.5. On a shared machine the wall clock mostly measures the neighbours, so the
 * bench also prints verdicts per CPU second: direct counts this process's CPU time (its worker threads
 * included); service counts this process's (the client's) plus the service's own, read from its /health.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { defaultCheck } from "../src/runtime/verify/defaults.ts";
import { VerifierPool } from "../src/runtime/verify/pool.ts";
import type { Verdict } from "../src/runtime/verify/verdict.ts";
import { loadCorpus } from "../test/support/verify-corpus.ts";

interface Case {
  gold: string;
  response: string;
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

const ITEMS = option("items", 40_000);
const BATCH = option("batch", 256);
const CONCURRENCY = option("concurrency", 8);
const THREADS = option("threads", 1);
const ROUNDS = option("rounds", 3);
const check = defaultCheck("math");

function cases(n: number): Case[] {
  const pool: Case[] = loadCorpus()
    .filter((c) => c.kind === "math")
    .map((c) => ({ gold: String(c.gold), response: c.pred }));
  const math500 = readFileSync(new URL("../test/fixtures/verify/sources/math500.jsonl", import.meta.url), "utf8").trim().split("\n");
  for (const line of math500) {
    const r = JSON.parse(line) as { answer: string; solution: string };
    pool.push({ gold: r.answer, response: r.solution });
  }
  return Array.from({ length: n }, (_, i) => pool[(i * 7919) % pool.length]!);
}

function batchesOf(all: Case[]): Case[][] {
  const out: Case[][] = [];
  for (let i = 0; i < all.length; i += BATCH) out.push(all.slice(i, i + BATCH));
  return out;
}

/** Runs `work` on every batch with at most CONCURRENCY at once; verdicts in batch order. */
async function inParallel(batches: Case[][], work: (batch: Case[]) => Promise<Verdict[]>): Promise<Verdict[][]> {
  const results: Verdict[][] = new Array(batches.length);
  let next = 0;
  const lanes = Array.from({ length: CONCURRENCY }, async () => {
    while (next < batches.length) {
      const i = next++;
      results[i] = await work(batches[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

interface Timing {
  /** Verdicts per wall-clock second. */
  rate: number;
  /** Verdicts per CPU second. */
  cpuRate: number;
  /** CPU µs per verdict in this process, and in the other (the service). */
  ownUs: number;
  otherUs: number;
  verdicts: Verdict[];
}

/** This process's CPU seconds so far (all its threads). */
function ownCpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

async function timed(batches: Case[][], work: (batch: Case[]) => Promise<Verdict[]>, otherCpu: () => Promise<number> = async () => 0): Promise<Timing> {
  const own0 = ownCpu();
  const other0 = await otherCpu();
  const start = performance.now();
  const verdicts = (await inParallel(batches, work)).flat();
  const seconds = (performance.now() - start) / 1000;
  const own = ownCpu() - own0;
  const other = (await otherCpu()) - other0;
  const n = verdicts.length;
  return { rate: n / seconds, cpuRate: n / (own + other), ownUs: (1e6 * own) / n, otherUs: (1e6 * other) / n, verdicts };
}

async function startService(): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = new URL("../bin/hintc.js", import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, "serve-rewards", "--port", "0", "--threads", String(THREADS), "--json"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once("line", (line) => resolve(JSON.parse(line).listening));
    child.once("exit", (code) => reject(new Error(`serve-rewards exited with ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, stop };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const benchStart = performance.now();
const all = cases(ITEMS);
const batches = batchesOf(all);
const meanKiB = all.reduce((s, c) => s + c.response.length, 0) / all.length / 1024;
console.log(`${ITEMS} math checks in batches of ${BATCH}, ${CONCURRENCY} in flight, ${THREADS} verifier thread(s); mean response ${meanKiB.toFixed(1)} KiB`);
console.log(`${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);

const pool = new VerifierPool({ threads: THREADS });
const service = await startService();
const direct = (batch: Case[]) => pool.checkMany(batch.map((c) => ({ check, gold: c.gold, response: c.response })));
const serviceCpu = async () => ((await (await fetch(`${service.url}/health`)).json()) as { cpu_seconds: number }).cpu_seconds;
const viaService = async (batch: Case[]) => {
  const response = await fetch(`${service.url}/v1/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ check: "math", items: batch }),
  });
  if (response.status !== 200) throw new Error(`service answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { verdicts: Verdict[] }).verdicts;
};

try {
  // A whole pass each first: the workers' and the service's code is optimised by V8 only after a while.
  await timed(batches, direct);
  await timed(batches, viaService, serviceCpu);
  const directs: Timing[] = [];
  const services: Timing[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const d = await timed(batches, direct);
    const s = await timed(batches, viaService, serviceCpu);
    const mismatches = d.verdicts.filter((v, i) => v.status !== s.verdicts[i]!.status).length;
    if (mismatches > 0) throw new Error(`the service's verdicts differ from the library's in ${mismatches} cases`);
    directs.push(d);
    services.push(s);
    const line = (t: Timing) => `${t.rate.toFixed(0).padStart(6)}/s (${t.cpuRate.toFixed(0).padStart(6)}/CPU s)`;
    console.log(`[${((performance.now() - benchStart) / 1000).toFixed(1).padStart(5)} s] round ${round}: direct ${line(d)} · service ${line(s)} · ratio ${(s.rate / d.rate).toFixed(2)} (CPU ${(s.cpuRate / d.cpuRate).toFixed(2)})`);
  }
  const wall = median(services.map((t) => t.rate)) / median(directs.map((t) => t.rate));
  const cpu = median(services.map((t) => t.cpuRate)) / median(directs.map((t) => t.cpuRate));
  console.log(`\nmedian verdicts/s: direct ${median(directs.map((t) => t.rate)).toFixed(0)}, service ${median(services.map((t) => t.rate)).toFixed(0)}`);
  console.log(`median verdicts per CPU second: direct ${median(directs.map((t) => t.cpuRate)).toFixed(0)}, service ${median(services.map((t) => t.cpuRate)).toFixed(0)} (client and service together)`);
  const us = (xs: number[]) => median(xs).toFixed(1);
  console.log(`CPU per verdict: direct ${us(directs.map((t) => t.ownUs))} µs; service ${us(services.map((t) => t.ownUs))} µs in the client + ${us(services.map((t) => t.otherUs))} µs in the service`);
  console.log(`service / direct: ${wall.toFixed(2)} by the wall clock (target ≥ 0.5: ${wall >= 0.5 ? "met" : "NOT met"}), ${cpu.toFixed(2)} per CPU second`);
} finally {
  await service.stop();
  await pool.close();
}
