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
  HC3001: { severity: "error", title: "cannot read source file", template: "source {source}: cannot read {path}: {reason}" },
  HC3002: { severity: "warning", title: "malformed record", template: "source {source}: {where} skipped: {reason}" },
  HC3003: { severity: "error", title: "not a valid data file", template: "source {source}: the file is not a valid {format}: {reason}" },
  HC3004: { severity: "warning", title: "missing field", template: "source {source}: {where} skipped: {field} ({path}) {problem}" },
  HC3005: { severity: "warning", title: "duplicate problem", template: "source {source}: {where} repeats problem {id}; dropped" },
  HC3006: { severity: "warning", title: "chain fields do not line up", template: "source {source}: {where}: {reason}; {what} ignored" },
  HC3007: { severity: "warning", title: "no answer found", template: "source {source}: {where} skipped: no final answer found in {field} ({path})" },
  HC3008: { severity: "error", title: "column not found", template: "source {source}: the file has no column '{column}' (it has: {available})" },
  HC3009: { severity: "note", title: "more diagnostics not shown", template: "source {source}: {count} more {code} ({title}) not shown" },
  HC3010: { severity: "error", title: "API key not set", template: "source {source}: the environment variable {name} (the endpoint's API key) is not set" },
  HC3011: { severity: "warning", title: "generation request failed", template: "source {source}: problem {id}: {samples} not generated: {reason} (after {attempts} attempts)" },
  HC3012: { severity: "error", title: "endpoint refused the request", template: "source {source}: {endpoint} refused the request with HTTP {status}: {reason}" },
  HC3013: { severity: "warning", title: "system prompt ignored", template: "source {source}: the completions API takes no system prompt; `system` is ignored" },
  HC3014: { severity: "note", title: "endpoint returns fewer samples", template: "source {source}: {endpoint} answered {got} of {asked} samples in one request; hintc asks again for the rest" },
  HC3015: { severity: "error", title: "unknown generation source", template: "source {source}: generate.from names '{from}', which is not a source of this spec" },
  HC3020: { severity: "warning", title: "problems with no valid chain", template: "source {source}: {count} of {total} problems have no valid chain (first: {ids})" },

  // HC4xxx: partitioning, tokenizers and templates (src/runtime/partition)

  // HC5xxx: output data sets, the executor and inspection (src/runtime/dataset, src/compiler/execute)

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
