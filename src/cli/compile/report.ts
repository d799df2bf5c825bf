/**
 * How `hintc compile` reports a build: a live ink line on a terminal, a plain line every few seconds
 * otherwise (to stderr, so stdout stays for results), and a closing summary of what was written.
 */
import { createElement } from "react";
import { render, type Instance } from "ink";
import type { ExecuteResult, ProgressEvent } from "../../compiler/index.ts";
import type { Io } from "../io.ts";
import { CompileProgress } from "./progress-view.tsx";

export interface ProgressReporter {
  update(event: ProgressEvent): void;
  stop(): void;
}

const PLAIN_INTERVAL_S = 5;

/** Ink on a terminal, else a plain line at most every five seconds and one at the end. */
export function progressReporter(io: Io): ProgressReporter {
  return io.isTTY ? inkReporter(io) : plainReporter(io);
}

function plainReporter(io: Io): ProgressReporter {
  let lastShown = -Infinity;
  return {
    update(event) {
      if (!event.done && event.elapsedSeconds - lastShown < PLAIN_INTERVAL_S) return;
      lastShown = event.elapsedSeconds;
      io.stderr(`compile: ${progressText(event)}\n`);
    },
    stop() {},
  };
}

function inkReporter(io: Io): ProgressReporter {
  let instance: Instance | undefined;
  return {
    update(event) {
      const view = createElement(CompileProgress, { event });
      if (instance) instance.rerender(view);
      else instance = render(view, { stdout: terminalOf(io), patchConsole: false, exitOnCtrlC: false });
    },
    stop() {
      instance?.unmount();
    },
  };
}

/** ink writes to a stream: this one forwards to the Io's stderr and reports the real terminal's width. */
function terminalOf(io: Io): NodeJS.WriteStream {
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
