/**
 * How `hintc eval` reports: progress (an ink line on a terminal, a plain line every few seconds and at each
 * benchmark's end otherwise, on stderr) and the results table on stdout.
 */
import type { EvalProgress, EvalResults } from "../../runtime/eval/index.ts";
import type { Io } from "../io.ts";
import { progressReporter as reporterFor, type ProgressReporter } from "../progress.ts";

/** Ink on a terminal (a ticked line per finished benchmark), else a plain line every few seconds and at each benchmark's end. */
export function progressReporter(io: Io): ProgressReporter<EvalProgress> {
  return reporterFor(io, "eval", progressText);
}

/** "math500 (4/7): 120/500 problems · 301 of 480 samples correct · 12.3 s" */
export function progressText(p: EvalProgress): string {
  const problems = p.problemsTotal === null ? `${p.problemsDone} problems` : `${p.problemsDone}/${p.problemsTotal} problems`;
  return `${p.benchmark} (${p.index}/${p.of}): ${problems} · ${p.correct} of ${p.samplesDone} samples correct · ${p.elapsedSeconds.toFixed(1)} s${p.done ? " · done" : ""}`;
}

/** The results as a table: a row per benchmark, percentages with one decimal. */
export function resultsTable(results: EvalResults): string {
  const ks = results.settings.k.filter((k) => k !== 1);
  const header = ["benchmark", "check", "problems", "samples", "pass@1", ...ks.map((k) => `pass@${k}`), "no answer", "missing"];
  const rows = results.benchmarks.map((b) => [
    b.name,
    b.check.kind,
    String(b.problems),
    String(b.samples),
    percent(b.pass_at_1),
    ...ks.map((k) => percent(b.pass_at_k[`pass@${k}`] ?? 0)),
    String(b.statuses.no_answer),
    String(b.statuses.missing),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [format(header), ...rows.map(format)].join("\n");
}

function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
