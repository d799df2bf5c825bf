/**
 * A benchmark's problems, streamed in file order. Bundled files go through the sources stage's readProblems
 * with the benchmark's field mapping; GPQA-Diamond records (`question`, `options` (four), `answer` letter,
 * `correct_answer` text) are read by the same record readers and turned into a lettered question here.
 */
import { diagnostic } from "../../diagnostics/index.ts";
import type { Source } from "../../ir/index.ts";
import { problemTextId, readProblems, type SourceContext } from "../sources/index.ts";
import { openRecords } from "../sources/records/open.ts";
import type { SourceRecord } from "../sources/records/record.ts";
import { BENCHMARKS_DIR, type Benchmark } from "./benchmarks.ts";

/** One benchmark problem: the question as the model sees it (options included) and the gold answer. */
export interface EvalProblem {
  id: string;
  /** 0-based record position in the file. */
  row: number;
  question: string;
  gold: string;
}

const LETTERS = "ABCD";

/** The problems of a benchmark; at most `limit` of them (null: all). Diagnostics go to ctx.report. */
export async function* readBenchmark(benchmark: Benchmark, ctx: SourceContext, limit: number | null): AsyncGenerator<EvalProblem> {
  if (benchmark.fields === null) {
    yield* readGpqa(benchmark, ctx, limit);
    return;
  }
  // Bundled files are read relative to the benchmarks folder, so messages name them as benchmarks/README.md does.
  const source: Source = { name: benchmark.name, file: benchmark.path, format: benchmark.format, fields: benchmark.fields, filter: null, limit, generate: null, role: "dataset" };
  for await (const p of readProblems(source, { ...ctx, specDir: BENCHMARKS_DIR })) yield { id: p.id, row: p.row, question: p.problem, gold: p.answer };
}

async function* readGpqa(benchmark: Benchmark, ctx: SourceContext, limit: number | null): AsyncGenerator<EvalProblem> {
  // The fields name the columns a Parquet or Arrow file must have (the records are mapped by gpqaProblem).
  const column = (name: string) => ({ path: [name] as [string], extract: false });
  const fields = { problem: column("question"), answer: column("answer"), chain: column("options"), reasoning: column("correct_answer") };
  const source: Source = { name: "gpqa", file: benchmark.path, format: benchmark.format, fields, filter: null, limit, generate: null, role: "dataset" };
  const reader = await openRecords(source, ctx, ctx.report);
  if (reader === null) return;
  const seen = new Set<string>();
  let count = 0;
  for await (const record of reader.records) {
    ctx.signal?.throwIfAborted();
    const problem = gpqaProblem(record);
    if (typeof problem === "string") {
      const where = record.line === null ? `row ${record.row}` : `line ${record.line}`;
      ctx.report(diagnostic("HC7002", { file: benchmark.shown, where, reason: problem }, { file: benchmark.shown, ...(record.line === null ? {} : { line: record.line }) }));
      continue;
    }
    if (seen.has(problem.id)) continue;
    seen.add(problem.id);
    yield problem;
    if (limit !== null && ++count >= limit) return;
  }
}

/**
 * A GPQA record as a problem, or why it cannot be one. The options are lettered A–D in the order given; the
 * gold is `answer` (a letter), or the letter of the option equal to `correct_answer` when `answer` is missing.
 */
export function gpqaProblem(record: SourceRecord): EvalProblem | string {
  const value = record.value as Record<string, unknown>;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "the record is not an object";
  const question = value["question"];
  const options = value["options"];
  if (typeof question !== "string" || question.trim() === "") return "\"question\" must be a non-empty string";
  if (!Array.isArray(options) || options.length !== 4 || !options.every((o) => typeof o === "string")) return "\"options\" must be a list of four strings";
  const gold = goldLetter(value["answer"], value["correct_answer"], options as string[]);
  if (gold.startsWith("!")) return gold.slice(1);
  const lettered = (options as string[]).map((option, i) => `${LETTERS[i]}) ${option}`).join("\n");
  const id = typeof value["id"] === "string" || typeof value["id"] === "number" ? String(value["id"]) : problemTextId(question);
  return { id, row: record.row, question: `${question}\n\n${lettered}`, gold };
}

/** The gold letter, or "!" + why there is none. */
function goldLetter(answer: unknown, correct: unknown, options: string[]): string {
  const byText = typeof correct === "string" ? options.indexOf(correct) : -1;
  if (answer === undefined || answer === null) {
    if (byText < 0) return "!it has neither an \"answer\" letter nor a \"correct_answer\" equal to one of its options";
    return LETTERS[byText]!;
  }
  const letter = typeof answer === "string" ? answer.trim().toUpperCase().replace(/^\(?([A-D])\)?$/, "$1") : "";
  if (!/^[A-D]$/.test(letter)) return `!"answer" must be a letter A–D, found ${JSON.stringify(answer)}`;
  if (typeof correct === "string" && byText >= 0 && LETTERS[byText] !== letter) {
    return `!"answer" is ${letter} but "correct_answer" is option ${LETTERS[byText]}`;
  }
  return letter;
}
