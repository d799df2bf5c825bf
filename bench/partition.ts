/**
 * bench/partition.ts: chains per second of each baseline partitioner, token counting included, on 20,000
 * chains of real length built from the bundled traces, against the bare tokenizer on the same text.
 *
 *   npx tsx bench/partition.ts [--chains 20000] [--only paragraphs,sentences] [--threads 2] [--block 500]
 *
 * Chains: chain i takes the length of trace i mod 40 (examples/traces) and is filled with paragraphs drawn
 * from all 40 traces by a generator seeded with i, so every chain is distinct text of a real trace's length.
 * Baseline: Hugging Face's tokenizers binding (the Qwen2.5 vocabulary), one encode at a time on one thread,
 * over exactly the same chains. Each partitioner runs in a partition pool of 1 worker and one of `--threads`
 * workers (default 2), with 8 requests in flight per worker. The methods take turns on each block of 500 chains
 * (a block is long enough that its start and its drain, when a worker idles, are a small part of it; a compile's
 * stream has neither), after an untimed warm-up block for each pool, so load from other processes falls
 * on all of them alike. Targets: one worker within 1.5x of the bare tokenizer's time; two workers at least
 * 1.7x faster than one. Beside wall time it prints CPU time (all threads of the process), which
 * other processes' load does not inflate: on a busy machine (load average above the core count, as it warns)
 * the wall-time ratios measure the neighbours, the CPU-time ratio still measures the partitioner's cost.
 * It also prints the pools' piece caches' hit rates (the synthetic chains reuse the traces' paragraphs, so
 * their rate is higher than real text's: bench/tokenize.ts measures that) and the load average before and after.
 */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { Tokenizer } from "tokenizers";
import { PartitionPool, seededRng, type PartitionIr } from "../src/runtime/partition/index.ts";
import { resolveTokenizer, tokenizerJsonText, type TokenizerSpec } from "../src/runtime/tokenize/index.ts";

const args = parseArgs(process.argv.slice(2));
const traces = readFileSync(new URL("../examples/traces/traces.jsonl", import.meta.url), "utf8")
  .trim().split("\n").map((l) => (JSON.parse(l) as { solution: string }).solution);
const paragraphs = traces.flatMap((t) => t.split(/(?<=\n\n)/));
const spec = resolveTokenizer({ source: { bundled: "qwen2.5" }, count: "tokens" }, ".") as Extract<TokenizerSpec, { kind: "file" }>;

const base = { steps: 4, min_tokens: 200, too_few: "fewer" } as const;
const partitioners: Record<string, PartitionIr> = {
  paragraphs: { method: "paragraphs", ...base },
  sentences: { method: "sentences", ...base },
  lines: { method: "lines", ...base },
  regex: { method: "regex", ...base, pattern: "[.?!:][ \\t]*\\n" },
  equal_tokens: { method: "equal_tokens", ...base, min_tokens: 0 },
  markers: { method: "markers", ...base, pattern: "(?<=\\n\\n)(?:Wait|But|So|Hmm|Alternatively)\\b" },
};

/** Chain i: a real trace's length, filled with seeded draws of real paragraphs. */
function chainAt(i: number): string {
  const target = traces[i % traces.length]!.length;
  const rng = seededRng(i, "bench");
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const p = paragraphs[Math.floor(rng() * paragraphs.length)]!;
    parts.push(p);
    length += p.length;
  }
  return parts.join("");
}

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

function clock(): () => Timing {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
}

/** Wall and CPU time of each method, summed over blocks. */
class Ledger {
  private readonly totals = new Map<string, Timing>();
  add(key: string, t: Timing): void {
    const sum = this.totals.get(key) ?? { seconds: 0, cpuSeconds: 0 };
    this.totals.set(key, { seconds: sum.seconds + t.seconds, cpuSeconds: sum.cpuSeconds + t.cpuSeconds });
  }
  get(key: string): Timing {
    return this.totals.get(key)!;
  }
}

/** The bare tokenizer over a block of chains, one encode at a time. */
async function bareBlock(tokenizer: Tokenizer, chains: readonly string[]): Promise<number> {
  let tokens = 0;
  for (const chain of chains) tokens += (await tokenizer.encode(chain, null, { addSpecialTokens: false })).getLength();
  return tokens;
}

/** A block of chains through a pool, a few requests per worker in flight. */
async function poolBlock(pool: PartitionPool, chains: readonly string[], partition: PartitionIr): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < chains.length) await pool.partition(chains[next++]!, partition);
  };
  await Promise.all(Array.from({ length: pool.threads * 8 }, lane));
}

/**
 * Every method runs on the same block of chains in turn, block after block, so that a neighbour's load
 * falls on all of them alike (the machines these run on are shared).
 */
async function measureAll(n: number, names: string[]): Promise<{ ledger: Ledger; bytes: number; tokens: number; caches: string }> {
  const tokenizer = Tokenizer.fromString(tokenizerJsonText(spec));
  const [one, many] = await Promise.all([PartitionPool.open(spec, { threads: 1 }), PartitionPool.open(spec, { threads: args.threads })]);
  const ledger = new Ledger();
  let bytes = 0;
  let tokens = 0;
  // Warm-up, untimed: each pool's workers fill their piece caches on chains outside the measured ones, so the
  // two pools are compared in the steady state (the two-worker pool has two caches to fill, and would
  // otherwise pay twice the cold misses inside the measurement).
  const warmUp = Array.from({ length: BLOCK }, (_, k) => chainAt(n + k));
  for (const name of names) for (const pool of [one, many]) await poolBlock(pool, warmUp, partitioners[name]!);
  for (let start = 0; start < n; start += BLOCK) {
    const chains = Array.from({ length: Math.min(BLOCK, n - start) }, (_, k) => chainAt(start + k));
    bytes += chains.reduce((b, c) => b + Buffer.byteLength(c), 0);
    let stop = clock();
    tokens += await bareBlock(tokenizer, chains);
    ledger.add("bare", stop());
    for (const name of names) {
      stop = clock();
      await poolBlock(one, chains, partitioners[name]!);
      ledger.add(`${name}/1`, stop());
      stop = clock();
      await poolBlock(many, chains, partitioners[name]!);
      ledger.add(`${name}/n`, stop());
    }
  }
  const caches = await Promise.all([one, many].map(async (pool) => {
    const c = await pool.pieceCounts();
    return c === null ? `${pool.threads} worker(s): ${pool.mode} texts, no piece cache` : `${pool.threads} worker(s): ${(100 * c.hits / c.pieces).toFixed(2)}% of ${c.pieces.toLocaleString()} pieces found, ${c.misses.toLocaleString()} sent to the library, ${c.wholeTexts} whole texts`;
  }));
  await Promise.all([one.close(), many.close()]);
  return { ledger, bytes, tokens, caches: caches.join("; ") };
}

/** Chains per block: every method meets the same load within a block. */
const BLOCK = args.block;

async function main(): Promise<void> {
  const n = args.chains;
  const load = loadavg()[0]!;
  if (load > availableParallelism()) {
    console.log(`warning: load average ${load.toFixed(1)} on ${availableParallelism()} cores: wall-time ratios measure the other processes too`);
  }
  const names = Object.keys(partitioners).filter((name) => args.only === null || args.only.includes(name));
  console.log(`load average at the start: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const { ledger, bytes, tokens, caches } = await measureAll(n, names);
  const bare = ledger.get("bare");
  const rate = (seconds: number): string => `${(n / seconds).toFixed(1)} chains/s`;
  console.log(`${n} chains, ${(bytes / 1e6).toFixed(1)} MB, ${tokens} Qwen2.5 tokens (mean ${Math.round(tokens / n)} per chain), blocks of ${BLOCK}`);
  console.log(`bare tokenizer, 1 thread: ${rate(bare.seconds)} (${(bytes / 1e6 / bare.seconds).toFixed(2)} MB/s), ${cpuPer(bare, n)} ms CPU per chain`);
  console.log(`partitioner      1 worker          time vs bare (≤ 1.5)  CPU vs bare  ${args.threads} workers         speed-up (≥ 1.7)`);
  for (const name of names) {
    const one = ledger.get(`${name}/1`);
    const many = ledger.get(`${name}/n`);
    const slowdown = one.seconds / bare.seconds;
    const speedup = one.seconds / many.seconds;
    console.log(
      `${name.padEnd(16)} ${rate(one.seconds).padEnd(17)} ${slowdown.toFixed(2).padEnd(5)} ${slowdown <= 1.5 ? "ok  " : "MISS"}            ` +
        `${(one.cpuSeconds / bare.cpuSeconds).toFixed(2).padEnd(12)} ${rate(many.seconds).padEnd(17)} ${speedup.toFixed(2).padEnd(5)} ${speedup >= 1.7 ? "ok" : "MISS"}`,
    );
  }
  console.log(`piece caches: ${caches}`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

function cpuPer(t: Timing, n: number): string {
  return ((t.cpuSeconds * 1000) / n).toFixed(1);
}

function parseArgs(argv: string[]): { chains: number; only: string[] | null; threads: number; block: number } {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    chains: Number(value("--chains") ?? 20_000),
    only: value("--only")?.split(",") ?? null,
    threads: Number(value("--threads") ?? 2),
    block: Number(value("--block") ?? 500),
  };
}

await main();
