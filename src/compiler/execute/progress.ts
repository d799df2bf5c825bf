/** Progress of an execution, for the CLI to render: at most about ten snapshots a second, and one at the end. */
import type { ProvenanceCounts } from "../../runtime/dataset/index.ts";

export interface ExecuteProgress {
  /** Problems handed on by the sources so far. */
  problemsRead: number;
  problemsWritten: number;
  chainsRejected: number;
  rowsWritten: number;
  /** Rows written per second since the start. */
  rowsPerSecond: number;
  elapsedSeconds: number;
  done: boolean;
}

const INTERVAL_MS = 100;

export class ProgressThrottle {
  private readonly started = performance.now();
  private last = -Infinity;
  private problemsRead = 0;

  constructor(private readonly listener: ((progress: ExecuteProgress) => void) | undefined) {}

  tick(counts: ProvenanceCounts, problemsRead: number): void {
    this.problemsRead = problemsRead;
    if (this.listener === undefined) return;
    const now = performance.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    this.listener(this.snapshot(counts, false));
  }

  done(counts: ProvenanceCounts): void {
    this.listener?.(this.snapshot(counts, true));
  }

  private snapshot(counts: ProvenanceCounts, done: boolean): ExecuteProgress {
    const elapsedSeconds = (performance.now() - this.started) / 1000;
    return {
      problemsRead: this.problemsRead,
      problemsWritten: counts.problems_written,
      chainsRejected: counts.chains_rejected,
      rowsWritten: counts.rows_written,
      rowsPerSecond: elapsedSeconds > 0 ? Math.round(counts.rows_written / elapsedSeconds) : 0,
      elapsedSeconds: Math.round(elapsedSeconds * 10) / 10,
      done,
    };
  }
}
