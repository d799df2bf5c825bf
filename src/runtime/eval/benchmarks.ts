/**
 * The benchmarks `hintc eval` knows: the bundled files under `benchmarks/` (six math sets and ARC-Challenge,
 * each in its original format, read through the sources stage's readers with a field mapping) and GPQA-Diamond
 * from the user's own copy (`gpqa:PATH`). benchmarks/README.md lists sources, licences and formats.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { RewardCheck, Source } from "../../ir/index.ts";
import { defaultCheck } from "../verify/index.ts";

/** How a benchmark's answers are graded: math equivalence, or the letter of a multiple-choice option. */
export type BenchmarkKind = "math" | "choice";

export interface Benchmark {
  /** The name results are filed under (aime24, …, gpqa). */
  name: string;
  title: string;
  kind: BenchmarkKind;
  check: RewardCheck;
  /** The file: relative to BENCHMARKS_DIR (bundled) or absolute (gpqa). */
  path: string;
  /** The file as messages show it (bundled: `benchmarks/…`; gpqa: as the user wrote it). */
  shown: string;
  format: Source["format"];
  /** How records map to problems (bundled); null for GPQA, which has a reader of its own. */
  fields: Source["fields"] | null;
  /** Problems in the bundled file; null when unknown. */
  problems: number | null;
}

const ROOT = new URL("../../../benchmarks/", import.meta.url);
const ref = (first: string, ...rest: (string | number)[]) => ({ path: [first, ...rest] as [string, ...(string | number)[]], extract: false });

interface Bundled {
  title: string;
  file: string;
  format: Source["format"];
  kind: BenchmarkKind;
  fields: Source["fields"];
  problems: number;
}

/** The bundled sets, in the order results list them. */
const BUNDLED: Record<string, Bundled> = {
  aime24: { title: "AIME 2024", file: "aime24/test.jsonl", format: "jsonl", kind: "math", problems: 30, fields: { id: ref("id"), problem: ref("problem"), answer: ref("answer") } },
  aime25: { title: "AIME 2025", file: "aime25/test.jsonl", format: "jsonl", kind: "math", problems: 30, fields: { id: ref("id"), problem: ref("problem"), answer: ref("answer") } },
  amc23: { title: "AMC 2023", file: "amc23/test.jsonl", format: "jsonl", kind: "math", problems: 40, fields: { id: ref("id"), problem: ref("problem"), answer: ref("answer") } },
  math500: { title: "MATH-500", file: "math500/test.jsonl", format: "jsonl", kind: "math", problems: 500, fields: { id: ref("unique_id"), problem: ref("problem"), answer: ref("answer") } },
  minerva: {
    title: "Minerva Math",
    file: "minerva/test.jsonl",
    format: "jsonl",
    kind: "math",
    problems: 272,
    // The file has no answer field: the gold is the \boxed{} of the reference solution.
    fields: { id: ref("idx"), problem: ref("problem"), answer: { ...ref("solution"), extract: true } },
  },
  olympiadbench: { title: "OlympiadBench", file: "olympiadbench/test.jsonl", format: "jsonl", kind: "math", problems: 675, fields: { id: ref("id"), problem: ref("question"), answer: ref("final_answer", 0) } },
  arc_challenge: {
    title: "ARC-Challenge",
    file: "arc_challenge/valid.arc_c.parquet",
    format: "parquet",
    kind: "choice",
    problems: 1172,
    // LUFFY's verl rows: the last message is the question with its options "A) …"; the gold is the letter.
    fields: { id: ref("extra_info", "index"), problem: ref("prompt", -1, "content"), answer: ref("reward_model", "ground_truth") },
  },
};

/** The folder of the bundled files. */
export const BENCHMARKS_DIR = fileURLToPath(ROOT);

/** The bundled benchmarks' names. */
export const BUNDLED_BENCHMARKS: readonly string[] = Object.keys(BUNDLED);

/** The math sets of the StepHint paper (in-domain), in its order. */
export const MATH_BENCHMARKS: readonly string[] = ["aime24", "aime25", "amc23", "math500", "minerva", "olympiadbench"];

/**
 * The checks: math equivalence with the verifier's default tolerance; choice over A–E (a few ARC questions
 * have five options; numbered options 1–4 are read when the gold is a number) and A–D for GPQA.
 */
function checkFor(kind: BenchmarkKind, letters: string): RewardCheck {
  return kind === "math" ? defaultCheck("math") : defaultCheck("choice", { choices: letters });
}

/**
 * A benchmark by name (`math500`) or `gpqa:PATH` (relative to `baseDir`). Unknown names are reported (HC7001)
 * with the list of known ones.
 */
export function resolveBenchmark(name: string, baseDir: string): { ok: true; benchmark: Benchmark } | { ok: false; diagnostic: Diagnostic } {
  if (name.startsWith("gpqa:")) return { ok: true, benchmark: gpqaBenchmark(name.slice("gpqa:".length), baseDir) };
  const bundled = BUNDLED[name];
  if (bundled === undefined) {
    const help = [`bundled: ${BUNDLED_BENCHMARKS.join(", ")}; GPQA-Diamond from your own copy: gpqa:PATH (JSONL, JSON or Parquet)`];
    return { ok: false, diagnostic: diagnostic("HC7001", { name: JSON.stringify(name) }, { help }) };
  }
  return {
    ok: true,
    benchmark: { name, title: bundled.title, kind: bundled.kind, check: checkFor(bundled.kind, "ABCDE"), path: bundled.file, shown: `benchmarks/${bundled.file}`, format: bundled.format, fields: bundled.fields, problems: bundled.problems },
  };
}

function gpqaBenchmark(file: string, baseDir: string): Benchmark {
  const path = resolve(baseDir, file);
  const format: Source["format"] = /\.parquet$/i.test(file) ? "parquet" : /\.json$/i.test(file) ? "json" : /\.(arrow|arrows|ipc|feather)$/i.test(file) ? "arrow" : "jsonl";
  return { name: "gpqa", title: "GPQA-Diamond", kind: "choice", check: checkFor("choice", "ABCD"), path, shown: file, format, fields: null, problems: null };
}
