/** The one diagnostic type every stage reports with. */

/** A range of a source text in UTF-16 offsets, end exclusive. Lines and columns are computed only when shown. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = "error" | "warning" | "note";

/** A secondary place that explains the primary one ("first defined here"). */
export interface Label {
  span: Span;
  message: string;
  /** Defaults to the diagnostic's file. */
  file?: string;
}

export interface Diagnostic {
  /** e.g. HC2003; see src/diagnostics/codes.ts and specs/diagnostics/HC2003.md. */
  code: string;
  severity: Severity;
  message: string;
  /** The file the span points into (as the user named it), if any. */
  file?: string;
  span?: Span;
  /** A 1-based line, for places in data files where no span is kept (row 12,345 of a JSONL file). */
  line?: number;
  labels?: Label[];
  /** What to do about it, one line each. */
  help?: string[];
}

/** True when any diagnostic is an error (warnings alone do not fail a run). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
