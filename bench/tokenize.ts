/**
 * bench/tokenize.ts: the piece cache on real text. For each bundled vocabulary and each corpus, every text
 * is measured through the piece cache (cold at the start of the corpus, texts in file order) and by the
 * bare library (Hugging Face's binding, one encode per text), in the same run: the two must agree exactly
 * (any difference is printed and fails the run), and it prints the cache's hit rate (pieces found / pieces
 * looked up), the pieces and texts sent to the library, and both rates (CPU time of this process).
 *
 *   npx tsx bench/tokenize.ts [--data /work/shared/data] [--only qwen3,llama3]
 *
 * Corpora: the 40 bundled R1-distill traces (examples/traces) and the MATH and GSM8K slices under
 * test/fixtures/sources; with --data, also the full MATH train and test solutions and problems, GSM8K train
 * and test_socratic answers and questions, and the Thought Anchors traces of that folder.
 */
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { loadCachedMeter, resolveTokenizer, type BundledName, type TokenizerSpec } from "../src/runtime/tokenize/index.ts";

const args = parseArgs(process.argv.slice(2));

function jsonl(path: string, fields: string[]): string[] {
  return readFileSync(path, "utf8").trim().split("\n").flatMap((line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    return fields.map((f) => record[f]).filter((v): v is string => typeof v === "string");
  });
}

function corpora(): Array<[string, string[]]> {
  const here = (p: string) => new URL(`../${p}`, import.meta.url).pathname;
  const out: Array<[string, string[]]> = [
    ["R1 traces (examples/traces, 40)", jsonl(here("examples/traces/traces.jsonl"), ["solution"])],
    ["MATH test slice (200 problems + solutions)", jsonl(here("test/fixtures/sources/math-test-200.jsonl"), ["problem", "solution"])],
    ["GSM8K test slice (500 questions + answers)", jsonl(here("test/fixtures/sources/gsm8k-test-500.jsonl"), ["question", "answer"])],
  ];
  if (args.data === null) return out;
  const data = (p: string) => join(args.data!, p);
  const extra: Array<[string, string, string[]]> = [
    ["Thought Anchors traces + problems + prompts", "thought_anchors/traces.jsonl", ["solution", "problem", "prompt"]],
    ["MATH train (7,500 problems + solutions)", "math/train.jsonl", ["problem", "solution"]],
    ["MATH test (5,000 problems + solutions)", "math/test.jsonl", ["problem", "solution"]],
    ["GSM8K train (7,473 questions + answers)", "gsm8k/train.jsonl", ["question", "answer"]],
    ["GSM8K test_socratic (1,319)", "gsm8k/test_socratic.jsonl", ["question", "answer"]],
  ];
  for (const [name, file, fields] of extra) if (existsSync(data(file))) out.push([name, jsonl(data(file), fields)]);
  return out;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function measureCorpus(name: BundledName, corpus: string, texts: string[]): Promise<boolean> {
  const spec = resolveTokenizer({ source: { bundled: name }, count: "tokens" }, ".") as TokenizerSpec;
  const m = await loadCachedMeter(spec, "native");
  const bytes = texts.reduce((b, t) => b + Buffer.byteLength(t), 0);
  let start = cpuSeconds();
  const cached: Uint32Array[] = [];
  for (const text of texts) cached.push(await m.meter.measure(text));
  const cacheSeconds = cpuSeconds() - start;
  start = cpuSeconds();
  const bare: Uint32Array[] = [];
  for (const text of texts) bare.push(await m.library.measure(text));
  const bareSeconds = cpuSeconds() - start;
  const differ = texts.findIndex((_, i) => cached[i]!.length !== bare[i]!.length || cached[i]!.some((e, k) => e !== bare[i]![k]));
  const c = m.pieces!.counts;
  const mb = bytes / 1e6;
  console.log(
    `${name.padEnd(9)} ${corpus.padEnd(44)} ${String(texts.length).padStart(6)} texts ${mb.toFixed(1).padStart(5)} MB  ` +
      `hit ${((100 * c.hits) / c.pieces).toFixed(1).padStart(5)}%  pieces to the library ${String(c.misses).padStart(6)}  whole texts ${String(c.wholeTexts).padStart(4)}  ` +
      `cache ${(mb / cacheSeconds).toFixed(1).padStart(5)} MB/s  bare ${(mb / bareSeconds).toFixed(2).padStart(5)} MB/s  ` +
      `${(bareSeconds / cacheSeconds).toFixed(1).padStart(4)}x  ${differ < 0 ? "exact" : `DIFFERS at text ${differ}`}`,
  );
  return differ < 0;
}

async function main(): Promise<void> {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (CPU time of this process; the library's encode runs on libuv's pool and counts too)`);
  const names = (["qwen3", "qwen2.5", "llama3", "deepseek"] as const).filter((n) => args.only === null || args.only.includes(n));
  let exact = true;
  for (const [corpus, texts] of corpora()) for (const name of names) exact = (await measureCorpus(name, corpus, texts)) && exact;
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (!exact) process.exitCode = 1;
}

function parseArgs(argv: string[]): { data: string | null; only: string[] | null } {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return { data: value("--data") ?? null, only: value("--only")?.split(",") ?? null };
}

await main();
