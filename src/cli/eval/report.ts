/**
 * How `hintc eval` reports: progress (an ink line on a terminal, a plain line every few seconds and at each
 * benchmark's end otherwise, on stderr) and the results table on stdout.
 */
import { createElement } from "react";
import { render, type Instance } from "ink";
import type { EvalProgress, EvalResults } from "../../runtime/eval/index.ts";
import type { Io } from "../io.ts";
import { EvalProgressView } from "./progress-view.tsx";

export interface ProgressReporter {
  update(progress: EvalProgress): void;
  stop(): void;
}

const PLAIN_INTERVAL_S = 5;

export function progressReporter(io: Io): ProgressReporter {
  return io.isTTY ? inkReporter(io) : plainReporter(io);
}

function plainReporter(io: Io): ProgressReporter {
  let lastShown = -Infinity;
  return {
    update(p) {
      if (!p.done && p.elapsedSeconds - lastShown < PLAIN_INTERVAL_S) return;
      lastShown = p.done ? -Infinity : p.elapsedSeconds;
      io.stderr(`eval: ${progressText(p)}\n`);
    },
    stop() {},
  };
}

function inkReporter(io: Io): ProgressReporter {
  let instance: Instance | undefined;
  const finished: EvalProgress[] = [];
  return {
    update(p) {
      if (p.done) finished.push(p);
      const view = createElement(EvalProgressView, { finished: [...finished], current: p.done ? null : p });
      if (instance) instance.rerender(view);
      else instance = render(view, { stdout: stderrStream(io), patchConsole: false, exitOnCtrlC: false });
    },
    stop() {
      instance?.unmount();
    },
  };
}

/** ink writes to a stream: this one forwards to the Io's stderr. */
function stderrStream(io: Io): NodeJS.WriteStream {
  const stream = {
    columns: process.stderr.columns ?? 80,
    rows: process.stderr.rows ?? 24,
    isTTY: true,
    write: (text: string) => {
      io.stderr(text);
      return true;
    },
    on: () => stream,
    off: () => stream,
    once: () => stream,
    removeListener: () => stream,
  };
  return stream as unknown as NodeJS.WriteStream;
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
