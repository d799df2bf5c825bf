/** Progress snapshots for the CLI: counts kept here, handed on at most about ten times a second. */
import type { RequestCounts, SourceProgress } from "./types.ts";

const INTERVAL_MS = 100;

export class ProgressMeter {
  readonly state: SourceProgress;
  private readonly started = performance.now();
  private lastSent = -Infinity;

  constructor(
    source: string,
    phase: SourceProgress["phase"],
    private readonly listener: ((p: SourceProgress) => void) | undefined,
  ) {
    const requests: RequestCounts = { done: 0, cached: 0, failed: 0, retries: 0, planned: null };
    this.state = {
      source,
      phase,
      rowsRead: 0,
      problems: 0,
      duplicates: 0,
      skipped: 0,
      done: null,
      total: null,
      requests,
      tokens: { prompt: 0, completion: 0 },
      rate: 0,
      etaSeconds: null,
    };
  }

  /** Hands on a snapshot if the last one was long enough ago (or `force`). */
  tick(force = false): void {
    if (this.listener === undefined) return;
    const now = performance.now();
    if (!force && now - this.lastSent < INTERVAL_MS) return;
    this.lastSent = now;
    this.listener(this.snapshot(now));
  }

  /** The final snapshot of the phase. */
  finish(): void {
    this.tick(true);
  }

  private snapshot(now: number): SourceProgress {
    const seconds = Math.max((now - this.started) / 1000, 1e-3);
    const s = this.state;
    const count = s.phase === "read" ? s.rowsRead : s.requests.done + s.requests.cached + s.requests.failed;
    const rate = count / seconds;
    const { done, total } = this.position();
    const etaSeconds = total === null || done === 0 ? null : Math.max(0, ((total - done) * seconds) / done);
    return { ...s, requests: { ...s.requests }, tokens: { ...s.tokens }, rate, etaSeconds };
  }

  /** Generation measures its way through the planned requests; reading through the file. */
  private position(): { done: number; total: number | null } {
    const s = this.state;
    if (s.phase === "generate") {
      return { done: s.requests.done + s.requests.cached + s.requests.failed, total: s.requests.planned };
    }
    return { done: s.done ?? 0, total: s.total };
  }
}
