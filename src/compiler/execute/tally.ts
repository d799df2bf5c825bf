/** The executor's running counts: what goes into the provenance and the final report. */
import type { ProvenanceCounts } from "../../runtime/dataset/index.ts";
import type { SourceProgress } from "../../runtime/sources/index.ts";
import type { ProblemOutcome } from "./problem.ts";

export class Tally {
  readonly counts: ProvenanceCounts = { rows_read: 0, chains_read: 0, chains_rejected: 0, problems_dropped: 0, problems_written: 0, chains_written: 0, rows_written: 0 };
  /** split → problems written. */
  readonly problemsPerSplit = new Map<string, number>();
  /** problems handed on by the sources (before verification). */
  problemsRead = 0;
  /** Last read snapshot per source: rows read and duplicates dropped there. */
  private readonly sources = new Map<string, { rowsRead: number; duplicates: number }>();

  /** Records a source's progress snapshot (the last one of each source counts). */
  sourceProgress(progress: SourceProgress): void {
    if (progress.phase !== "read") return;
    this.sources.set(progress.source, { rowsRead: progress.rowsRead, duplicates: progress.duplicates });
  }

  /** A problem dropped before verification (its id was used by an earlier source). */
  dropped(): void {
    this.counts.problems_dropped++;
  }

  add(outcome: ProblemOutcome, split: string): void {
    this.counts.chains_read += outcome.problem.chains.length;
    this.counts.chains_rejected += outcome.chainsRejected;
    this.counts.chains_written += outcome.chainsWritten;
    this.counts.rows_written += outcome.rows.length;
    if (outcome.rows.length === 0) {
      this.counts.problems_dropped++;
      return;
    }
    this.counts.problems_written++;
    this.problemsPerSplit.set(split, (this.problemsPerSplit.get(split) ?? 0) + 1);
  }

  /** The counts for the provenance, with the sources' rows read and duplicates folded in. */
  final(): ProvenanceCounts {
    let rowsRead = 0;
    let duplicates = 0;
    for (const s of this.sources.values()) {
      rowsRead += s.rowsRead;
      duplicates += s.duplicates;
    }
    return { ...this.counts, rows_read: rowsRead, problems_dropped: this.counts.problems_dropped + duplicates };
  }
}
