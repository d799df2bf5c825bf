/**
 * How `hintc compile` reports a build: a live ink line on a terminal, a plain line every few seconds
 * otherwise (to stderr, so stdout stays for results), and a closing summary of what was written.
 */
import type { ExecuteResult, ProgressEvent } from "../../compiler/index.ts";
import type { Io } from "../io.ts";
import { progressReporter as reporterFor, type ProgressReporter } from "../progress.ts";

/** Ink on a terminal, else a plain line at most every five seconds and one at the end. */
export function progressReporter(io: Io): ProgressReporter<ProgressEvent> {
  return reporterFor(io, "compile", progressText);
}

/** "1,234 problems read · 1,200 written · 4,800 rows · 3 chains rejected · 950 rows/s · 5.1 s" */
export function progressText(event: ProgressEvent): string {
  return [
    `${n(event.problemsRead)} problems read`,
    `${n(event.problemsWritten)} written`,
    `${n(event.rowsWritten)} rows`,
    `${n(event.chainsRejected)} chains rejected`,
    `${n(event.rowsPerSecond)} rows/s`,
    `${event.elapsedSeconds.toFixed(1)} s`,
  ].join(" · ");
}

/** What the compile wrote, for people. */
export function summaryLines(report: NonNullable<ExecuteResult["report"]>): string[] {
  const d = report.dataset!;
  const c = report.counts!;
  const lines = [`wrote ${d.shown} (${d.format}, ${n(d.rows)} rows in ${n(d.batches)} batches, ${bytes(d.bytes)})`];
  lines.push(`  ${n(c.problems_written)} problems · ${n(c.chains_written)} chains · ${n(c.rows_read)} records read · ${n(c.chains_rejected)} chains rejected · ${n(c.problems_dropped)} problems dropped`);
  const partition = report.stats["partition"] as { steps_per_chain?: Record<string, number> } | undefined;
  if (partition?.steps_per_chain) {
    lines.push(`  steps per chain: ${Object.entries(partition.steps_per_chain).map(([k, v]) => `${k}: ${n(v)}`).join(" · ")}`);
  }
  if (report.rejects) lines.push(`wrote ${report.rejects.shown} (${n(report.rejects.count)} rejected chains)`);
  return lines;
}

/** What the compile wrote, for `--json`. */
export function datasetJson(report: NonNullable<ExecuteResult["report"]>): Record<string, unknown> {
  const d = report.dataset!;
  return {
    path: d.shown,
    format: d.format,
    rows: d.rows,
    batches: d.batches,
    bytes: d.bytes,
    rejects: report.rejects ? { path: report.rejects.shown, count: report.rejects.count } : null,
    counts: report.counts,
    stats: report.stats,
  };
}

function n(value: number): string {
  return value.toLocaleString("en-US");
}

function bytes(value: number): string {
  if (value < 1024) return `${value} B`;
  if (value < 1024 ** 2) return `${(value / 1024).toFixed(1)} KiB`;
  if (value < 1024 ** 3) return `${(value / 1024 ** 2).toFixed(1)} MiB`;
  return `${(value / 1024 ** 3).toFixed(2)} GiB`;
}
