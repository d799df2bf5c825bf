/**
 * A diagnostic sink that passes on the first few diagnostics of each code and counts the rest, so that a
 * million-row file with a bad field everywhere gives a screenful, not a million lines.
 */
import { CODES, diagnostic, type Code, type Diagnostic } from "../../diagnostics/index.ts";
import type { DiagnosticSink } from "./types.ts";

/** Diagnostics shown per code and source before the rest are only counted. */
export const SHOWN_PER_CODE = 10;

export class LimitedSink {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly source: string,
    private readonly shown = SHOWN_PER_CODE,
  ) {}

  /** Passes the diagnostic on, unless this code has already been shown `shown` times. Errors always pass. */
  readonly report = (d: Diagnostic): void => {
    const count = (this.counts.get(d.code) ?? 0) + 1;
    this.counts.set(d.code, count);
    if (count <= this.shown || d.severity === "error") this.sink(d);
  };

  /** Reports, once per code, how many were counted but not shown (HC3009). */
  flush(): void {
    for (const [code, count] of this.counts) {
      const info = CODES[code as Code];
      if (count <= this.shown || info === undefined || info.severity === "error") continue;
      this.sink(diagnostic("HC3009", { source: this.source, count: count - this.shown, code, title: info.title }));
    }
    this.counts.clear();
  }
}
