/**
 * bench/compile.ts: rows per second and peak RSS of `hintc compile` end to end, beside a baseline in the
 * same run that reads the same JSONL and writes the same number of rows with no partitioning.
 *
 *   npx tsx bench/compile.ts [--chains 200000] [--dir /tmp/x]
 *
 * Input: N synthetic chains of real length built from the bundled traces (examples/traces, R1-distill MATH
 * traces): chain i has the length of trace i mod 40, filled with paragraphs drawn from all 40 traces by a
 * generator seeded with i, and closed by `</think>` and the trace's answer in \boxed{} so it verifies.
 * Compile: paragraph partitioning into 4 steps (at least 50 Qwen3 tokens each), the bundled Qwen3 tokenizer,
 * hint levels 0-3, the qwen template, Arrow output. Each run is a child process (bench/compile-child.ts), so
 * its peak RSS (worker threads included) is its own. The compile runs at N/2 and N chains to show RSS flat in
 * the input size, and once at N counting characters instead of tokens (the pipeline's own cost, without the
 * tokenizer). Targets: compile within 2x of the baseline's time; peak RSS within 10% between N/2 and N, and
 * under 600 MB.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { once } from "node:events";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../src/runtime/random.ts";

interface Trace {
  problem: string;
  gt_answer: string;
  solution: string;
}

interface Measured {
  seconds: number;
  /** CPU time of every thread of the run's process. */
  cpuSeconds: number;
  rows: number;
  maxRssMiB: number;
}

const args = parseArgs(process.argv.slice(2));
const N = args.chains;
const traces = readFileSync(new URL("../examples/traces/traces.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Trace);
const paragraphs = traces.flatMap((t) => thinking(t.solution).split(/(?<=\n\n)/)).filter((p) => p.trim() !== "");
const child = fileURLToPath(new URL("./compile-child.ts", import.meta.url));

const dir = args.dir ?? (await mkdtemp(join(tmpdir(), "hintc-bench-compile-")));
try {
  const input = join(dir, "chains.jsonl");
  const bytes = await writeChains(input, N);
  console.log(`input: ${N.toLocaleString()} chains, ${(bytes / 2 ** 20).toFixed(0)} MiB of JSONL (${dir})`);
  await writeFile(join(dir, "full.hint"), spec(null));
  await writeFile(join(dir, "half.hint"), spec(Math.floor(N / 2)));
  await writeFile(join(dir, "chars.hint"), spec(null).replace("tokenizer: qwen3", "tokenizer: chars"));

  console.log(`load average at the start: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const baseline = run(["baseline", input, join(dir, "baseline.arrow")]);
  await rm(join(dir, "baseline.arrow"), { force: true });
  const chars = run(["compile", join(dir, "chars.hint"), join(dir, "chars.arrow")]);
  await rm(join(dir, "chars.arrow"), { force: true });
  const half = run(["compile", join(dir, "half.hint"), join(dir, "half.arrow")]);
  await rm(join(dir, "half.arrow"), { force: true });
  const full = run(["compile", join(dir, "full.hint"), join(dir, "full.arrow")]);
  const outBytes = (await stat(join(dir, "full.arrow"))).size;
  await rm(join(dir, "full.arrow"), { force: true });
  report(baseline, chars, half, full, outBytes);
} finally {
  if (args.dir === undefined) await rm(dir, { recursive: true, force: true });
}

function report(baseline: Measured, chars: Measured, half: Measured, full: Measured, outBytes: number): void {
  const line = (name: string, m: Measured) =>
    `${name.padEnd(26)} ${m.rows.toLocaleString().padStart(10)} rows ${m.seconds.toFixed(1).padStart(8)} s ${m.cpuSeconds.toFixed(1).padStart(8)} s CPU ${Math.round(m.rows / m.seconds).toLocaleString().padStart(9)} rows/s ${String(m.maxRssMiB).padStart(6)} MiB peak RSS`;
  console.log(line("baseline (no partition)", baseline));
  console.log(line("compile, counting chars", chars));
  console.log(line(`compile, ${Math.floor(N / 2).toLocaleString()} chains`, half));
  console.log(line(`compile, ${N.toLocaleString()} chains`, full));
  console.log(`output: ${(outBytes / 2 ** 30).toFixed(2)} GiB Arrow`);
  const timeRatio = full.seconds / baseline.seconds;
  const rssRatio = full.maxRssMiB / half.maxRssMiB;
  console.log(`time, compile / baseline:  ${timeRatio.toFixed(2)}x   (target <= 2x)   ${timeRatio <= 2 ? "met" : "NOT met"}`);
  console.log(`time, compile counting chars / baseline: ${(chars.seconds / baseline.seconds).toFixed(2)}x (the pipeline without the tokenizer)`);
  console.log(`CPU time, compile / baseline: ${(full.cpuSeconds / baseline.cpuSeconds).toFixed(2)}x; counting chars / baseline: ${(chars.cpuSeconds / baseline.cpuSeconds).toFixed(2)}x`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`peak RSS, ${N} / ${Math.floor(N / 2)} chains: ${rssRatio.toFixed(3)}   (target <= 1.10)  ${rssRatio <= 1.1 ? "met" : "NOT met"}`);
  console.log(`peak RSS, compile:         ${full.maxRssMiB} MiB (target < 600)   ${full.maxRssMiB < 600 ? "met" : "NOT met"}`);
  if (full.rows !== baseline.rows) console.log(`note: the baseline wrote ${baseline.rows} rows, the compile ${full.rows}`);
}

function run(argv: string[]): Measured {
  const result = spawnSync(process.execPath, ["--import", "tsx", child, ...argv], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${argv[0]} failed: ${result.stderr.slice(-4000)}`);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as Measured;
}

function spec(limit: number | null): string {
  return `# bench/compile.ts: synthetic chains of real R1 length; paragraphs into 4 steps; levels 0-3; Arrow.
name: "bench-compile"
seed: 1
source chains {
  file: "chains.jsonl"
  problem: problem
  answer: answer
  chain: solution${limit === null ? "" : `\n  limit: ${limit}`}
}
verify { check: math  on_fail: reject }
partition paragraphs { steps: 4  min_tokens: 50  too_few: fewer }
tokenizer: qwen3
levels { hints: all  unhinted: 4  per_level: 2  reference: false }
template: qwen
reward: math
split { train: 98%  test: 2% }
output { path: "out.arrow" }
`;
}

/** Streams N chains to a JSONL file; returns its size. */
async function writeChains(path: string, n: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const trace = traces[i % traces.length]!;
    const line = JSON.stringify({ problem: `(${i}) ${trace.problem}`, answer: trace.gt_answer, solution: chainAt(i, trace) }) + "\n";
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return bytes;
}

/** Chain i: trace i's length of seeded paragraph draws, then the trace's answer after </think>. */
function chainAt(i: number, trace: Trace): string {
  const random = mulberry32(i + 1);
  const target = thinking(trace.solution).length;
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const p = paragraphs[Math.floor(random() * paragraphs.length)]!;
    parts.push(p.endsWith("\n\n") ? p : `${p}\n\n`);
    length += p.length;
  }
  return `${parts.join("")}</think>\n\nSo the answer is $\\boxed{${trace.gt_answer}}$.`;
}

function thinking(solution: string): string {
  const end = solution.indexOf("</think>");
  return end < 0 ? solution : solution.slice(0, end);
}

function parseArgs(argv: string[]): { chains: number; dir: string | undefined } {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return { chains: Number(value("--chains") ?? 200_000), dir: value("--dir") };
}
