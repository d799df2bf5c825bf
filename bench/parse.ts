/**
 * Front-end throughput: parse + check of a generated 5 MB spec, in MB/s, next to JSON.parse on a JSON file
 * of the same size holding the same records, as a ratio (target: parse + check within 10x of JSON.parse).
 * "parse + check" is `checkSource`, what `compile` (and so `hintc check` and `hintc compile`) runs before
 * lowering: the fast path, streaming the items into the checker. The other rows show the parts: the fast
 * parser alone (whole AST), and Chevrotain's lexer and parser (CST), the path of files with syntax errors.
 * Run with `npx tsx bench/parse.ts` (add --mb N for another size; --distinct gives every block its own
 * `where` and `limit`, so the streaming parser finds no repeated values to skip). Times are CPU time of this process (the
 * median of several runs), so a busy machine slows both sides alike. Prints one table; writes only to a
 * temporary folder, removed at the end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fastParse } from "../src/compiler/fast/parse.ts";
import { checkSource, compileSource, parseSpec, sourceFromText } from "../src/compiler/index.ts";

const MB = 1024 * 1024;
const size = Number(process.argv[process.argv.indexOf("--mb") + 1] ?? 5) * MB || 5 * MB;
const distinct = process.argv.includes("--distinct");

/** The same condition in every block, or with --distinct one of its own (same length in both cases, near enough). */
const where = (n: number) =>
  distinct ? `level in ["Level ${n % 9}", "Level 5"] and subject != "Geometry ${n}" and not meta.flagged_${n % 1000}` : `level in ["Level 4", "Level 5"] and subject != "Geometry" and not meta.flagged`;
const limit = (n: number) => (distinct ? 10_000 + n : 10_000);

/** A spec of many sources, each with field mappings, a filter, a limit and a comment, like a real multi-shard spec. */
function makeSpec(bytes: number): { spec: string; sources: number } {
  const parts = ['name: "bench"\nseed: 1\n\n'];
  let length = parts[0]!.length;
  let n = 0;
  while (length < bytes) {
    const block = `# shard ${n}: competition problems with R1 chains
source shard_${n} {
  file: "data/shards/part-${String(n).padStart(5, "0")}.parquet"
  problem: question
  answer: extract(solution)
  chain: generations
  chain_correct: correctness_math_verify
  where: ${where(n)}
  limit: ${limit(n).toLocaleString("en").replaceAll(",", "_")}
}

`;
    parts.push(block);
    length += block.length;
    n++;
  }
  parts.push("levels { hints: [1, 2, 3]  unhinted: 5  per_level: 2 }\nsplit { train: 98%  test: 2% }\n");
  return { spec: parts.join(""), sources: n };
}

/** The same records as JSON, repeated until the file is as large as the spec. */
function makeJson(bytes: number): string {
  const records: string[] = [];
  let length = 2;
  for (let n = 0; length < bytes; n++) {
    const record = JSON.stringify({
      comment: `shard ${n}: competition problems with R1 chains`,
      name: `shard_${n}`,
      file: `data/shards/part-${String(n).padStart(5, "0")}.parquet`,
      fields: { problem: "question", answer: { extract: "solution" }, chain: "generations", chain_correct: "correctness_math_verify" },
      where: distinct
        ? { and: [{ in: ["level", [`Level ${n % 9}`, "Level 5"]] }, { "!=": ["subject", `Geometry ${n}`] }, { not: `meta.flagged_${n % 1000}` }] }
        : { and: [{ in: ["level", ["Level 4", "Level 5"]] }, { "!=": ["subject", "Geometry"] }, { not: "meta.flagged" }] },
      limit: limit(n),
    }, null, 2);
    records.push(record);
    length += record.length + 2;
  }
  return `[${records.join(",\n")}]`;
}

/** CPU time of this process in ms: on a shared machine, wall time mostly measures the neighbours. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The median CPU time of several runs, in ms (the first run warms the JIT and is dropped). */
function time(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = cpuMs();
    work();
    if (i > 0) times.push(cpuMs() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), "hintc-bench-"));
try {
  const { spec, sources } = makeSpec(size);
  writeFileSync(join(dir, "bench.hint"), spec);
  writeFileSync(join(dir, "bench.json"), makeJson(Buffer.byteLength(spec)));
  const specText = readFileSync(join(dir, "bench.hint"), "utf8");
  const jsonText = readFileSync(join(dir, "bench.json"), "utf8");
  const source = sourceFromText("bench.hint", specText);

  const check = () => {
    if (checkSource(source).diagnostics.length > 0) throw new Error("the bench spec has diagnostics");
  };
  const specMB = Buffer.byteLength(specText) / MB;
  const jsonMB = Buffer.byteLength(jsonText) / MB;
  // The two sides of the ratio first, as the CLI runs them: building whole ASTs first (the fast row) would
  // make V8 allocate AST nodes straight into the old generation (they survived), which slows streaming.
  const tJson = time(9, () => JSON.parse(jsonText));
  const tCheck = time(9, check);
  const tCompile = time(5, () => compileSource(source));
  const tFast = time(5, () => {
    if (fastParse(specText) === null) throw new Error("the fast path declined the bench spec");
  });
  const tChevrotain = time(3, () => parseSpec(source));
  const rate = (mb: number, ms: number) => mb / (ms / 1000);

  const rows = [
    ["JSON.parse", jsonMB, tJson],
    ["lex + parse, Chevrotain (CST)", specMB, tChevrotain],
    ["parse, fast path (whole AST)", specMB, tFast],
    ["parse + check (checkSource)", specMB, tCheck],
    ["compile (+ lower + validate IR)", specMB, tCompile],
  ] as const;
  console.log(`spec: ${specMB.toFixed(2)} MB, ${sources} sources${distinct ? " (distinct values)" : ""}; JSON: ${jsonMB.toFixed(2)} MB`);
  for (const [label, mb, ms] of rows) {
    console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${rate(mb, ms).toFixed(1).padStart(7)} MB/s`);
  }
  const ratio = rate(jsonMB, tJson) / rate(specMB, tCheck);
  console.log(`ratio JSON.parse / (parse + check): ${ratio.toFixed(1)}x (target: within 10x) ${ratio <= 10 ? "OK" : "OVER"}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
