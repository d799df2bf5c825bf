/** What `hintc verify` shows while it checks a file: lines checked, their verdicts, the rate and the time. */
import type { AuditResult } from "../../runtime/verify/audit.ts";
import type { Progress } from "../progress.ts";

export interface VerifyProgress extends Progress {
  /** Lines read: checked or invalid. */
  lines: number;
  correct: number;
  wrong: number;
  noAnswer: number;
  /** Checks that timed out or failed. */
  failed: number;
  /** Lines that could not be checked (diagnostics). */
  invalid: number;
  linesPerSecond: number;
}

/** Counts verdicts as they come, and says when a new snapshot is worth showing. */
export class VerifyTally {
  private readonly counts = { lines: 0, correct: 0, wrong: 0, noAnswer: 0, failed: 0, invalid: 0 };
  private readonly started = performance.now();
  private lastSnapshot = 0;

  add(result: AuditResult): void {
    this.counts.lines++;
    if (result.status === "correct") this.counts.correct++;
    else if (result.status === "wrong") this.counts.wrong++;
    else if (result.status === "no_answer") this.counts.noAnswer++;
    else this.counts.failed++;
  }

  /** A line that could not be checked (it counts among the lines, as in the summary). */
  invalid(): void {
    this.counts.lines++;
    this.counts.invalid++;
  }

  /** A snapshot when `everyMs` have passed since the last one (a view needs no more), else null. */
  due(everyMs: number): VerifyProgress | null {
    const elapsed = performance.now() - this.started;
    if (elapsed - this.lastSnapshot < everyMs) return null;
    this.lastSnapshot = elapsed;
    return this.snapshot(false);
  }

  snapshot(done: boolean): VerifyProgress {
    const elapsedSeconds = (performance.now() - this.started) / 1000;
    return { ...this.counts, elapsedSeconds, done, linesPerSecond: elapsedSeconds > 0 ? Math.round(this.counts.lines / elapsedSeconds) : 0 };
  }
}

const n = (value: number): string => value.toLocaleString("en-US");

/** "12,000 lines · 9,000 correct · 2,500 wrong · 500 no answer · 0 failed · 3 invalid · 2,400 lines/s · 5.0 s" (failed: timed out or errored) */
export function verifyProgressText(p: VerifyProgress): string {
  const invalid = p.invalid > 0 ? [`${n(p.invalid)} invalid`] : [];
  return [
    `${n(p.lines)} line${p.lines === 1 ? "" : "s"}`,
    `${n(p.correct)} correct`,
    `${n(p.wrong)} wrong`,
    `${n(p.noAnswer)} no answer`,
    `${n(p.failed)} failed`,
    ...invalid,
    `${n(p.linesPerSecond)} lines/s`,
    `${p.elapsedSeconds.toFixed(1)} s`,
  ].join(" · ");
}
