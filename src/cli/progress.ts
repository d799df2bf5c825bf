/**
 * Progress of long commands. On a terminal (stdout is one), an ink view (progress-view.tsx): a ticked line
 * per finished phase above a spinner line for the current one; whatever the command prints meanwhile goes
 * through ink, which lifts the view, writes the text and draws the view again below it, so results and
 * progress never overwrite each other. Elsewhere, a plain line `label: text` on stderr at most every five
 * seconds and always a phase's last, and printed text goes straight out. Commands run with --json show no
 * progress at all (they do not make a reporter). Whether this is a terminal is the Io's decision (isTTY), so
 * ink is told it is interactive: left to itself it would draw nothing until the end whenever CI is set.
 */
import { createElement, useLayoutEffect, type ReactNode } from "react";
import { render, useStderr, useStdout, type Instance } from "ink";
import type { Io } from "./io.ts";
import { ProgressLines } from "./progress-view.tsx";
import { terminalStream } from "./terminal.ts";

/** A snapshot of progress: how long the phase has run, and whether this is its last snapshot. */
export interface Progress {
  elapsedSeconds: number;
  done: boolean;
}

export interface ProgressReporter<P extends Progress> {
  update(progress: P): void;
  /** Writes text to stdout (above the view on a terminal). */
  print(text: string): void;
  /** Writes text to stderr (above the view on a terminal). */
  printError(text: string): void;
  /** Writes what is pending and leaves the view's last frame on the terminal. */
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
    print: (t) => io.stdout(t),
    printError: (t) => io.stderr(t),
    stop() {},
  };
}

interface Writers {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Hands the parent ink's own writers, which lift the view, write, and draw it again. */
function WritersBridge({ onWriters, children }: { onWriters: (writers: Writers) => void; children?: ReactNode }) {
  const stdout = useStdout().write;
  const stderr = useStderr().write;
  useLayoutEffect(() => onWriters({ stdout, stderr }), [stdout, stderr, onWriters]);
  return children;
}

function inkReporter<P extends Progress>(io: Io, text: (progress: P) => string): ProgressReporter<P> {
  let instance: Instance | undefined;
  let writers: Writers | null = null;
  const finished: string[] = [];
  // Printed text is gathered and written with the next frame: one lift of the view per frame, not per line.
  let pending = "";
  const onWriters = (w: Writers) => void (writers = w);
  const flush = () => {
    if (pending === "") return;
    (writers?.stdout ?? io.stdout)(pending);
    pending = "";
  };
  return {
    update(p) {
      flush();
      if (p.done) finished.push(text(p));
      const current = p.done ? null : { text: text(p), elapsedSeconds: p.elapsedSeconds };
      const view = createElement(WritersBridge, { onWriters }, createElement(ProgressLines, { finished: [...finished], current }));
      if (instance) instance.rerender(view);
      else instance = render(view, { stdout: terminalStream(io.stdout), stderr: terminalStream(io.stderr, process.stderr), patchConsole: false, exitOnCtrlC: false, interactive: true });
    },
    print(t) {
      pending += t;
    },
    printError(t) {
      flush();
      (writers?.stderr ?? io.stderr)(t);
    },
    stop() {
      flush();
      instance?.unmount();
    },
  };
}
