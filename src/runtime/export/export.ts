/**
 * exportDataset: a compiled data set → a Parquet file in one trainer's schema, plus the Python reward function
 * that trainer calls, written beside it. Streams batch by batch; the output appears atomically.
 */
import { basename, dirname, extname, join, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import { AtomicFile } from "../dataset/atomic-file.ts";
import { openDataset, type Dataset, type DatasetRow } from "../dataset/index.ts";
import { ParquetEncoder } from "../dataset/parquet-encoder.ts";
import { RecordBatcher } from "./batches.ts";
import type { HintPlacement } from "./messages.ts";
import { writeShim } from "./shims.ts";
import { TARGET_BY_NAME, type ExportContext, type Target, type TargetName } from "./targets.ts";

export interface ExportOptions {
  target: TargetName;
  /** The output file; default `<input without extension>.<target>.parquet` beside the input. */
  output?: string;
  /** Keep only rows of these splits (default: all). */
  splits?: readonly string[];
  /** Rows per record batch and Parquet row group. Default 1,024. */
  batchRows?: number;
  /** How messages name the input (as the user typed it). */
  displayPath?: string;
}

/** What an export wrote and what it changed on the way. */
export interface ExportReport {
  target: TargetName;
  path: string;
  shim: string;
  rows: number;
  /** Rows by where their hint ended up. */
  placements: Record<HintPlacement, number>;
  referenceSkipped: number;
  splitSkipped: number;
  /** Where the spec placed hints (`levels { placement }`). */
  specPlacement: "prefix" | "question";
}

export interface ExportResult {
  diagnostics: Diagnostic[];
  report: ExportReport | null;
}

const DEFAULT_BATCH_ROWS = 1024;
/** Row groups are also cut at about this many bytes of Parquet (text is most of a row). */
const MAX_ROW_GROUP_BYTES = 64 * 1024 * 1024;

/** Exports the data set at `path`; user errors (not a data set, an unwritable output) are diagnostics. */
export async function exportDataset(path: string, options: ExportOptions): Promise<ExportResult> {
  const shown = options.displayPath ?? path;
  const opened = await openDataset(path, { displayPath: shown });
  if (!opened.ok) return { diagnostics: opened.diagnostics, report: null };
  const target = TARGET_BY_NAME[options.target];
  const output = resolve(options.output ?? defaultOutput(path, target.name));
  let report: ExportReport;
  try {
    report = await writeExport(opened.dataset, target, output, options);
    report.shim = await writeShim(target.shim, dirname(output));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code !== undefined ? (error as Error).message : null;
    if (reason === null) throw error;
    return { diagnostics: [...opened.diagnostics, diagnostic("HC0005", { path: output, reason })], report: null };
  }
  return { diagnostics: [...opened.diagnostics, ...notes(report, shown)], report };
}

/** `data/x.parquet` → `data/x.verl.parquet`. */
export function defaultOutput(path: string, target: TargetName): string {
  const extension = extname(path);
  return join(dirname(path), `${basename(path, extension)}.${target}.parquet`);
}

async function writeExport(dataset: Dataset, target: Target, output: string, options: ExportOptions): Promise<ExportReport> {
  const ir = dataset.provenance.ir;
  const ctx: ExportContext = { template: ir.template, placement: ir.levels.placement, reward: dataset.provenance.reward, rewardJson: JSON.stringify(dataset.provenance.reward) };
  const report: ExportReport = { target: target.name, path: output, shim: "", rows: 0, placements: { none: 0, question: 0, prefix: 0 }, referenceSkipped: 0, splitSkipped: 0, specPlacement: ctx.placement };
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const file = await AtomicFile.create(output);
  const encoder = new ParquetEncoder({ provenance: exportMetadata(dataset, target, ctx), maxRowGroupRows: batchRows, maxRowGroupBytes: MAX_ROW_GROUP_BYTES });
  try {
    await encoder.begin(file);
    const batcher = new RecordBatcher(target.schema, batchRows);
    for await (const row of dataset.rows()) {
      if (!keep(row, options, report)) continue;
      const { record, placement } = target.record(row, report.rows++, ctx);
      report.placements[placement]++;
      const batch = batcher.append(record);
      if (batch !== undefined) await encoder.write(batch);
    }
    // Parquet takes its schema from a batch: an export with no rows gets an empty one.
    const last = batcher.flush(report.rows === 0);
    if (last !== undefined) await encoder.write(last);
    await encoder.end();
    await file.commit();
  } catch (error) {
    await encoder.abort().catch(() => undefined);
    await file.discard();
    throw error;
  }
  return report;
}

/**
 * Reference rows hold the whole chain as the hint: in StepHint they are one off-policy member of a group,
 * which none of the three trainers has, and as a prompt they would hand the policy the answer.
 */
function keep(row: DatasetRow, options: ExportOptions, report: ExportReport): boolean {
  if (options.splits !== undefined && !options.splits.includes(row.split)) {
    report.splitSkipped++;
    return false;
  }
  if (row.kind === "reference") {
    report.referenceSkipped++;
    return false;
  }
  return true;
}

/** The Parquet key-value `hintc`: what was exported from what (no timestamps or absolute paths). */
function exportMetadata(dataset: Dataset, target: Target, ctx: ExportContext): string {
  const p = dataset.provenance;
  return JSON.stringify({
    format: "hintc-export",
    target: target.name,
    dataset: { file: basename(dataset.path), spec: p.spec.file, spec_sha256: p.spec.sha256, hintc_version: p.hintc_version },
    reward: ctx.reward,
    spec_placement: ctx.placement,
    reward_function: target.shim,
  });
}

function notes(report: ExportReport, shown: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const moved = report.target === "verl" && report.specPlacement === "prefix" ? report.placements.question : 0;
  if (moved > 0) {
    const help = ["each hinted row's prompt is the question with the hint appended; StepHint's prefix form needs a trainer that continues the assistant turn (TRL, OpenRLHF)"];
    out.push(diagnostic("HC7101", { target: report.target, rows: moved }, { help }));
  }
  if (report.referenceSkipped > 0) out.push(diagnostic("HC7102", { target: report.target, rows: report.referenceSkipped }));
  if (report.rows === 0) {
    const reason = report.splitSkipped > 0 ? ` in the chosen splits (${report.splitSkipped} rows in other splits)` : "";
    out.push(diagnostic("HC7103", { path: shown, reason }));
  }
  return out;
}
