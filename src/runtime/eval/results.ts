/**
 * What `hintc eval` writes into its output folder, each file atomically (temporary file, then rename):
 * `results.json` (everything), `results.csv` (a row per benchmark), and `<benchmark>.verdicts.jsonl` (a line
 * per sample: the response, the extracted answer and the verdict, so any row can be audited).
 */
import { join } from "node:path";
import type { RewardCheck } from "../../ir/index.ts";
import { AtomicFile } from "../dataset/atomic-file.ts";
import type { ModelInfo } from "./sampler.ts";
import type { BenchmarkMetrics, EvalStatus, StatusCounts } from "./tally.ts";

export interface BenchmarkResult extends BenchmarkMetrics {
  name: string;
  title: string;
  /** The file read (bundled: benchmarks/…; GPQA: as given). */
  file: string;
  check: RewardCheck;
  prompt: { system: string | null; user: string; format: string };
  /** The per-sample audit file, relative to the output folder. */
  verdicts_file: string;
}

export interface EvalResults {
  format: "hintc-eval";
  version: 1;
  hintc_version: string;
  model: ModelInfo;
  settings: { samples: number; k: number[]; temperature: number; top_p: number; max_tokens: number; seed: number; limit: number | null };
  /** False when some samples got no response (they count as wrong; rerun to fill them in from the cache). */
  complete: boolean;
  benchmarks: BenchmarkResult[];
}

/** One line of a verdicts file. */
export interface VerdictLine {
  benchmark: string;
  problem_id: string;
  row: number;
  sample: number;
  gold: string;
  extracted: string | null;
  status: EvalStatus;
  correct: boolean;
  reason: string;
  question: string;
  response: string | null;
}

export const RESULTS_JSON = "results.json";
export const RESULTS_CSV = "results.csv";

export function verdictsFileName(benchmark: string): string {
  return `${benchmark}.verdicts.jsonl`;
}

/** Writes results.json and results.csv into `dir`; returns their paths. */
export async function writeResults(dir: string, results: EvalResults): Promise<string[]> {
  const json = join(dir, RESULTS_JSON);
  const csv = join(dir, RESULTS_CSV);
  await writeAtomic(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeAtomic(csv, resultsCsv(results));
  return [json, csv];
}

const STATUS_COLUMNS: Array<keyof StatusCounts> = ["correct", "wrong", "no_answer", "timeout", "error", "missing"];

/** A row per benchmark; proportions as full-precision decimals in [0, 1]. */
export function resultsCsv(results: EvalResults): string {
  const ks = results.settings.k.filter((k) => k !== 1);
  const header = ["benchmark", "title", "check", "problems", "samples", "pass@1", ...ks.map((k) => `pass@${k}`), ...STATUS_COLUMNS, "verdicts_file"];
  const rows = results.benchmarks.map((b) => [
    b.name,
    b.title,
    b.check.kind,
    String(b.problems),
    String(b.samples),
    String(b.pass_at_1),
    ...ks.map((k) => String(b.pass_at_k[`pass@${k}`])),
    ...STATUS_COLUMNS.map((s) => String(b.statuses[s])),
    b.verdicts_file,
  ]);
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const file = await AtomicFile.create(path);
  try {
    await file.append([Buffer.from(text, "utf8")]);
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
}

/** A verdicts file being written: lines appended as problems finish, renamed into place at the end. */
export class VerdictFile {
  private constructor(private readonly file: AtomicFile) {}

  static async create(path: string): Promise<VerdictFile> {
    return new VerdictFile(await AtomicFile.create(path));
  }

  async append(lines: readonly VerdictLine[]): Promise<void> {
    await this.file.append([Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(""), "utf8")]);
  }

  commit(): Promise<void> {
    return this.file.commit();
  }

  discard(): Promise<void> {
    return this.file.discard();
  }
}
