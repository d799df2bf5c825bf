/**
 * Generation throughput: generateChains against the loopback test server (in its own process) answering
 * every request after 50 ms, with endpoint concurrency 64. The ideal request rate is concurrency / latency
 * = 1280 requests/s; the achieved rate is printed as a ratio of it (target ≥ 0.9), beside two references
 * measured in the same run at the same concurrency: the baseline, bare `fetch` calls (no SDK, cache or
 * ordering), and the transport floor, bare undici `Pool.request` calls (what hintc's requests go through).
 * Each takes its turn in every round, so load from other processes falls on all of them alike; the figures
 * are medians over the rounds. CPU per request is given for both sides: this process (main thread, libuv's
 * pool and GC threads) and the server's process.
 *
 * usage: npx tsx bench/generate.ts [REQUESTS] [--rounds N]   (default 3200 requests, 3 rounds; nothing is cached)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { generateChains } from "../src/runtime/generate/index.ts";
import type { Problem } from "../src/runtime/sources/index.ts";
import { generateFor } from "../test/support/generation.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: "string", default: "3" } } });
const REQUESTS = Number(positionals[0] ?? 3200);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = 64;
const LATENCY_MS = 50;
const IDEAL = CONCURRENCY / (LATENCY_MS / 1000);

async function startServer(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const script = new URL("../test/support/openai-server-main.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify({ latencyMs: LATENCY_MS })], { stdio: ["pipe", "pipe", "inherit"] });
  const [baseUrl] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return { child, baseUrl };
}

function problems(count: number, salt: string): AsyncIterable<Problem> {
  return (async function* () {
    for (let i = 0; i < count; i++) yield { id: `b${i}`, source: "bench", problem: `${salt} problem ${i}: what is ${i} + ${i}?`, answer: String(2 * i), chains: [], row: i };
  })();
}

interface Rate {
  perSecond: number;
  /** This process's CPU time per request (main thread, libuv's pool, GC threads), in microseconds. */
  cpuMicros: number;
  /** The server process's CPU time per request, in microseconds. */
  serverMicros: number;
}

/** The server's CPU time so far, in microseconds. */
async function serverCpu(baseUrl: string): Promise<number> {
  const usage = (await (await fetch(`${baseUrl}/_cpu`)).json()) as { user: number; system: number };
  return usage.user + usage.system;
}

async function measure(baseUrl: string, count: number, work: () => Promise<void>): Promise<Rate> {
  const server = await serverCpu(baseUrl);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const serverUsed = (await serverCpu(baseUrl)) - server;
  return { perSecond: count / seconds, cpuMicros: (used.user + used.system) / count, serverMicros: serverUsed / count };
}

/** Requests per second through generateChains (one request of one sample per problem). */
async function hintcRate(baseUrl: string, count: number, salt: string): Promise<Rate> {
  const dir = mkdtempSync(join(tmpdir(), "hintc-bench-"));
  const gen = generateFor(baseUrl, { samples: 1 }, { api_key: null, concurrency: CONCURRENCY, timeout_ms: 10_000 });
  const ctx = { specDir: dir, env: {}, cacheDir: "cache", report: (d: unknown) => console.error(d) };
  let chains = 0;
  const rate = await measure(baseUrl, count, async () => {
    for await (const p of generateChains(problems(count, salt), gen, ctx)) chains += p.chains.length;
  });
  rmSync(dir, { recursive: true, force: true });
  if (chains !== count) throw new Error(`expected ${count} chains, got ${chains}`);
  return rate;
}

/** Runs `one(i)` for i < count with CONCURRENCY calls in flight. */
async function concurrently(count: number, one: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await one(i);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const bodyOf = (what: string, i: number) => JSON.stringify({ model: "m", messages: [{ role: "user", content: `${what} ${i}` }], n: 1 });

/** Requests per second of bare fetch calls at the same concurrency: the baseline. */
function fetchRate(baseUrl: string, count: number): Promise<Rate> {
  return measure(baseUrl, count, () =>
    concurrently(count, async (i) => {
      const response = await fetch(`${baseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: bodyOf("fetch", i) });
      await response.json();
    }),
  );
}

/** Requests per second of bare undici Pool.request calls: the cost of hintc's transport alone. */
async function poolRate(baseUrl: string, count: number): Promise<Rate> {
  const url = new URL(baseUrl);
  const pool = new Pool(url.origin);
  const path = `${url.pathname}/chat/completions`;
  try {
    return await measure(baseUrl, count, () =>
      concurrently(count, async (i) => {
        const response = await pool.request({ path, method: "POST", headers: { "content-type": "application/json" }, body: bodyOf("pool", i) });
        JSON.parse(await response.body.text());
      }),
    );
  } finally {
    await pool.close();
  }
}

function median(rates: Rate[]): Rate {
  const mid = <K extends keyof Rate>(k: K) => rates.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
  return { perSecond: mid("perSecond"), cpuMicros: mid("cpuMicros"), serverMicros: mid("serverMicros") };
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const { child, baseUrl } = await startServer();
try {
  const loadBefore = load();
  await hintcRate(baseUrl, CONCURRENCY * 4, "warm-up");
  await fetchRate(baseUrl, CONCURRENCY * 4);
  await poolRate(baseUrl, CONCURRENCY * 4);
  const runs = { baseline: [] as Rate[], floor: [] as Rate[], hintc: [] as Rate[] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.baseline.push(await fetchRate(baseUrl, REQUESTS));
    runs.floor.push(await poolRate(baseUrl, REQUESTS));
    runs.hintc.push(await hintcRate(baseUrl, REQUESTS, `round ${round}`));
  }
  const [baseline, floor, achieved] = [median(runs.baseline), median(runs.floor), median(runs.hintc)];
  const line = (name: string, r: Rate) =>
    `  ${name.padEnd(30)} ${r.perSecond.toFixed(0).padStart(5)} requests/s = ${(r.perSecond / IDEAL).toFixed(3)} of ideal; CPU per request ${r.cpuMicros.toFixed(0).padStart(4)} µs client + ${r.serverMicros.toFixed(0).padStart(3)} µs server`;
  console.log(`generate: ${REQUESTS} requests × ${ROUNDS} rounds (medians), concurrency ${CONCURRENCY}, ${LATENCY_MS} ms latency per request`);
  console.log(`  machine: ${cpus().length} cores, load average ${loadBefore} before, ${load()} after`);
  console.log(`  ideal (concurrency / latency)  ${IDEAL.toFixed(0).padStart(5)} requests/s`);
  console.log(line("baseline (bare fetch)", baseline));
  console.log(line("transport floor (Pool.request)", floor));
  console.log(line("hintc generateChains", achieved) + `; ${(achieved.perSecond / baseline.perSecond).toFixed(3)} of baseline`);
  console.log(`  hintc rounds: ${runs.hintc.map((r) => (r.perSecond / IDEAL).toFixed(3)).join(", ")} of ideal`);
  console.log(`  target: ≥ 0.9 of ideal         ${achieved.perSecond / IDEAL >= 0.9 ? "met" : "NOT met"}`);
} finally {
  child.stdin?.end();
  await once(child, "exit");
}
