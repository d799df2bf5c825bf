/**
 * Front-end throughput: parse + check of a generated 5 MB spec, in MB/s, next to JSON.parse on a JSON file
 * of the same size holding the same records, as a ratio (target: parse + check within 10x of JSON.parse).
 * Run with `npx tsx bench/parse.ts` (add --mb N for another size). Times are CPU time of this process (the
 * median of several runs), so a busy machine slows both sides alike. Prints one table; writes only to a
 * temporary folder, removed at the end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildAst, checkSpec, compileSource, parseSpec, sourceFromText } from "../src/compiler/index.ts";

const MB = 1024 * 1024;
const size = Number(process.argv[process.argv.indexOf("--mb") + 1] ?? 5) * MB || 5 * MB;

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
  where: level in ["Level 4", "Level 5"] and subject != "Geometry" and not meta.flagged
  limit: 10_000
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
      where: { and: [{ in: ["level", ["Level 4", "Level 5"]] }, { "!=": ["subject", "Geometry"] }, { not: "meta.flagged" }] },
      limit: 10000,
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
    const parsed = parseSpec(source);
    const built = buildAst(parsed, source);
    const checked = checkSpec(built.ast, source);
    if (parsed.diagnostics.length + built.diagnostics.length + checked.diagnostics.length > 0) throw new Error("the bench spec has diagnostics");
  };
  const specMB = Buffer.byteLength(specText) / MB;
  const jsonMB = Buffer.byteLength(jsonText) / MB;
  const tParse = time(3, () => parseSpec(source));
  const tCheck = time(3, check);
  const tCompile = time(3, () => compileSource(source));
  const tJson = time(5, () => JSON.parse(jsonText));
  const rate = (mb: number, ms: number) => mb / (ms / 1000);

  const rows = [
    ["JSON.parse", jsonMB, tJson],
    ["lex + parse (CST)", specMB, tParse],
    ["parse + check", specMB, tCheck],
    ["compile (+ lower + validate IR)", specMB, tCompile],
  ] as const;
  console.log(`spec: ${specMB.toFixed(2)} MB, ${sources} sources; JSON: ${jsonMB.toFixed(2)} MB`);
  for (const [label, mb, ms] of rows) {
    console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${rate(mb, ms).toFixed(1).padStart(7)} MB/s`);
  }
  const ratio = rate(jsonMB, tJson) / rate(specMB, tCheck);
  console.log(`ratio JSON.parse / (parse + check): ${ratio.toFixed(1)}x (target: within 10x) ${ratio <= 10 ? "OK" : "OVER"}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
