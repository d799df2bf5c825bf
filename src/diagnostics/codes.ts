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

  // HC6000-HC6499: training runs (src/trainer, src/runtime/loader)

  // HC6500-HC6999: the engine and its protocol (src/trainer/engine, src/trainer/protocol)
  HC6500: { severity: "error", title: "no Python with torch", template: "no Python that imports torch was found: tried {tried}" },
  HC6501: { severity: "error", title: "engine stopped", template: "{message}" },
  HC6502: { severity: "error", title: "engine hung", template: "{message}" },
  HC6503: { severity: "error", title: "engine operation failed", template: "the engine failed {message}" },
  HC6504: { severity: "error", title: "engine protocol error", template: "hintc and its engine disagree: {message}" },

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
