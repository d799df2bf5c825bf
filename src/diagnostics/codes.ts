/**
 * The registry of diagnostic codes: one entry per code, grouped by stage, with its message template.
 * A test keeps codes unique and checks that each has a page in specs/diagnostics/.
 *
 * Ranges: HC0xxx input files and command line · HC1xxx syntax · HC2xxx checks · HC3xxx sources and
 * generation · HC4xxx verification and partitioning · HC5xxx output and inspection · HC6xxx training ·
 * HC7xxx evaluation, export and the reward service · HC8xxx `hintc verify` input.
 */
import type { Diagnostic, Label, Severity, Span } from "./types.ts";

export interface CodeInfo {
  severity: Severity;
  /** A few words, shown in listings and as the page title. */
  title: string;
  /** The message, with {name} placeholders filled from the arguments. */
  template: string;
}

export const CODES = {
  // HC0xxx: input files and the command line
  HC0001: { severity: "error", title: "cannot read file", template: "cannot read {path}: {reason}" },
  HC0002: { severity: "error", title: "not UTF-8", template: "{path} is not valid UTF-8 (first bad byte at offset {offset})" },
  HC0003: { severity: "error", title: "binary file", template: "{path} looks like a binary file (NUL byte at offset {offset}), not a .hint spec" },
  HC0004: { severity: "error", title: "file too large", template: "{path} is {size} bytes; specs are limited to {limit} bytes" },
  HC0005: { severity: "error", title: "cannot write output", template: "cannot write {path}: {reason}" },

  // HC1xxx: syntax (grammar/, src/compiler/parse)

  // HC2xxx: checks (src/compiler/check)

  // HC3xxx: sources, generation and chain verification (src/runtime/sources, src/runtime/generate)

  // HC4xxx: partitioning, tokenizers and templates (src/runtime/partition)

  // HC5xxx: output data sets, the executor and inspection (src/runtime/dataset, src/compiler/execute)
  HC5001: { severity: "error", title: "cannot write data set", template: "cannot write the data set {path}: {reason}" },
  HC5002: { severity: "error", title: "not a data set file", template: "{path} is not an Arrow or Parquet file: {reason}" },
  HC5003: { severity: "error", title: "no provenance", template: "{path} has no hintc provenance (schema metadata key \"hintc\"), so it was not made by `hintc compile`" },
  HC5004: { severity: "error", title: "wrong column type", template: "{path}: column {column} should be {expected}, found {found}" },
  HC5005: { severity: "error", title: "newer data set schema", template: "{path} uses data set schema version {found}; this hintc reads up to version {expected}" },
  HC5006: { severity: "error", title: "compile interrupted", template: "compile interrupted; {path} was not written" },
  HC5007: { severity: "warning", title: "empty data set", template: "{path} has no rows: {reason}" },
  HC5008: { severity: "warning", title: "empty split", template: "split {split} received no problems ({problems} problems in all)" },
  HC5009: { severity: "warning", title: "extension does not fit format", template: "{path} is written as {format}, which files usually name {expected}" },
  HC5010: { severity: "error", title: "damaged data set", template: "cannot read {path}: {reason}" },

  // HC6000-HC6499: training runs (src/trainer, src/runtime/loader)

  // HC6500-HC6999: the engine and its protocol (src/trainer/engine, src/trainer/protocol)

  // HC7xxx: evaluation, export and the reward service

  // HC8xxx: `hintc verify` input (src/runtime/verify)
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

/** Where a diagnostic points: a file and optionally a span, a line, labels and help lines. */
export interface Where {
  file?: string;
  span?: Span;
  line?: number;
  labels?: Label[];
  help?: string[];
}

/** Builds a diagnostic from the registry, filling the template's {placeholders}. */
export function diagnostic(code: Code, args: Record<string, string | number>, where: Where = {}): Diagnostic {
  const info: CodeInfo = CODES[code];
  const message = info.template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in args ? String(args[name]) : whole,
  );
  const d: Diagnostic = { code, severity: info.severity, message };
  if (where.file !== undefined) d.file = where.file;
  if (where.span !== undefined) d.span = where.span;
  if (where.line !== undefined) d.line = where.line;
  if (where.labels !== undefined && where.labels.length > 0) d.labels = where.labels;
  if (where.help !== undefined && where.help.length > 0) d.help = where.help;
  return d;
}
