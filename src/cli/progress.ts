/**
 * Progress of long commands, on stderr so stdout stays for results: the ink view (progress-view.tsx) on a
 * terminal; otherwise a plain line at most every five seconds, and always a phase's last. Commands give a
 * label and how a snapshot reads as text; with --json they show no progress at all.
 */
import { createElement } from "react";
import { render, type Instance } from "ink";
import type { Io } from "./io.ts";
import { ProgressLines } from "./progress-view.tsx";

/** A snapshot of progress: how long the phase has run, and whether this is its last snapshot. */
export interface Progress {
  elapsedSeconds: number;
  done: boolean;
}

export interface ProgressReporter<P extends Progress> {
  update(progress: P): void;
  /** Leaves the view as it is (ink's last frame stays on the terminal). */
  stop(): void;
}

/** Seconds between two plain lines of the same phase. */
const PLAIN_INTERVAL_S = 5;

/** Ink on a terminal, else plain lines `label: text` on stderr. */
export function progressReporter<P extends Progress>(io: Io, label: string, text: (progress: P) => string): ProgressReporter<P> {
  return io.isTTY ? inkReporter(io, text) : plainReporter(io, label, text);
}

function plainReporter<P extends Progress>(io: Io, label: string, text: (progress: P) => string): ProgressReporter<P> {
  let lastShown = -Infinity;
  return {
    update(p) {
      if (!p.done && p.elapsedSeconds - lastShown < PLAIN_INTERVAL_S) return;
      // A finished phase's line is always shown, and so is the next phase's first.
      lastShown = p.done ? -Infinity : p.elapsedSeconds;
      io.stderr(`${label}: ${text(p)}\n`);
    },
    stop() {},
  };
}

function inkReporter<P extends Progress>(io: Io, text: (progress: P) => string): ProgressReporter<P> {
  let instance: Instance | undefined;
  const finished: string[] = [];
  return {
    update(p) {
      if (p.done) finished.push(text(p));
      const view = createElement(ProgressLines, { finished: [...finished], current: p.done ? null : { text: text(p), elapsedSeconds: p.elapsedSeconds } });
      if (instance) instance.rerender(view);
      else instance = render(view, { stdout: terminalOf(io), patchConsole: false, exitOnCtrlC: false });
    },
    stop() {
      instance?.unmount();
    },
  };
}

/** ink writes to a stream: this one forwards to the Io's stderr and reports the real terminal's size. */
function terminalOf(io: Io): NodeJS.WriteStream {
  const stream = {
    columns: process.stderr.columns ?? 80,
    rows: process.stderr.rows ?? 24,
    isTTY: true,
    write: (chunk: string) => {
      io.stderr(chunk);
      return true;
    },
    on: () => stream,
    off: () => stream,
    once: () => stream,
    removeListener: () => stream,
  };
  return stream as unknown as NodeJS.WriteStream;
}
