/**
 * Generation throughput: generateChains against the loopback test server (in its own process) answering
 * every request after 50 ms, with endpoint concurrency 64. The ideal request rate is concurrency / latency
 * = 1280 requests/s; the achieved rate is printed as a ratio of it (target ≥ 0.9), beside a baseline
 * measured in the same run: bare fetch calls with the same concurrency and no SDK, cache or ordering.
 *
 * usage: npx tsx bench/generate.ts [REQUESTS]   (default 3200; every request is sent, nothing is cached)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { generateChains } from "../src/runtime/generate/index.ts";
import type { Problem } from "../src/runtime/sources/index.ts";
import { generateFor } from "../test/support/generation.ts";

const REQUESTS = Number(process.argv[2] ?? 3200);
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
  /** This process's CPU time per request (main thread and libuv pool), in microseconds. */
  cpuMicros: number;
}

async function measure(count: number, work: () => Promise<void>): Promise<Rate> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: count / seconds, cpuMicros: (used.user + used.system) / count };
}

/** Requests per second through generateChains (one request of one sample per problem). */
async function hintcRate(baseUrl: string, count: number, salt: string): Promise<Rate> {
  const dir = mkdtempSync(join(tmpdir(), "hintc-bench-"));
  const gen = generateFor(baseUrl, { samples: 1 }, { api_key: null, concurrency: CONCURRENCY, timeout_ms: 10_000 });
  const ctx = { specDir: dir, env: {}, cacheDir: "cache", report: (d: unknown) => console.error(d) };
  let chains = 0;
  const rate = await measure(count, async () => {
    for await (const p of generateChains(problems(count, salt), gen, ctx)) chains += p.chains.length;
  });
  rmSync(dir, { recursive: true, force: true });
  if (chains !== count) throw new Error(`expected ${count} chains, got ${chains}`);
  return rate;
}

/** Requests per second of bare fetch calls at the same concurrency: what this machine's loopback allows. */
async function fetchRate(baseUrl: string, count: number): Promise<Rate> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const body = JSON.stringify({ model: "m", messages: [{ role: "user", content: `fetch ${i}` }], n: 1 });
      const response = await fetch(`${baseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body });
      await response.json();
    }
  };
  return measure(count, async () => void (await Promise.all(Array.from({ length: CONCURRENCY }, worker))));
}

const { child, baseUrl } = await startServer();
try {
  await hintcRate(baseUrl, CONCURRENCY * 4, "warm-up");
  const baseline = await fetchRate(baseUrl, REQUESTS);
  const achieved = await hintcRate(baseUrl, REQUESTS, "measured");
  const line = (name: string, r: Rate) => `  ${name.padEnd(30)} ${r.perSecond.toFixed(0).padStart(5)} requests/s = ${(r.perSecond / IDEAL).toFixed(3)} of ideal, ${r.cpuMicros.toFixed(0)} µs CPU per request`;
  console.log(`generate: ${REQUESTS} requests, concurrency ${CONCURRENCY}, ${LATENCY_MS} ms latency per request`);
  console.log(`  machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`  ideal (concurrency / latency)  ${IDEAL.toFixed(0).padStart(5)} requests/s`);
  console.log(line("baseline (bare fetch)", baseline));
  console.log(line("hintc generateChains", achieved) + `; ${(achieved.perSecond / baseline.perSecond).toFixed(3)} of baseline`);
  console.log(`  target: ≥ 0.9 of ideal         ${achieved.perSecond / IDEAL >= 0.9 ? "met" : "NOT met"}`);
} finally {
  child.stdin?.end();
  await once(child, "exit");
}
