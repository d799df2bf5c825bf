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
  HC0006: { severity: "error", title: "not formatted", template: "{path} is not formatted canonically" },
  HC0007: { severity: "error", title: "cannot execute", template: "{what} is not available in this build of hintc" },

  // HC1xxx: syntax (grammar/, src/compiler/parse)
  HC1001: { severity: "error", title: "unexpected character", template: "unexpected character {found}" },
  HC1002: { severity: "error", title: "unterminated string", template: "this string has no closing {quote}" },
  HC1003: { severity: "error", title: "invalid escape", template: "invalid escape {escape} in a string" },
  HC1004: { severity: "error", title: "syntax error", template: "{message}" },
  HC1005: { severity: "error", title: "nested too deeply", template: "the spec nests deeper than {limit} levels" },
  HC1006: { severity: "note", title: "too many syntax errors", template: "stopped after {count} syntax errors" },
  HC1007: { severity: "error", title: "invalid number", template: "{found} is not a valid {what}" },

  // HC2xxx: checks (src/compiler/check)
  HC2001: { severity: "error", title: "unknown field", template: "{block} has no field {field}" },
  HC2002: { severity: "error", title: "unknown block", template: "{block} has no block {name}" },
  HC2003: { severity: "error", title: "wrong type", template: "expected {expected}, found {found}" },
  HC2004: { severity: "error", title: "out of range", template: "expected {expected}, found {found}" },
  HC2005: { severity: "error", title: "unknown kind", template: "{block} has no kind {kind}" },
  HC2006: { severity: "error", title: "duplicate", template: "{what} is given more than once" },
  HC2007: { severity: "error", title: "missing field", template: "{block} needs {field}" },
  HC2008: { severity: "error", title: "conflicting options", template: "{first} and {second} cannot be used together" },
  HC2009: { severity: "warning", title: "unused source", template: "source {name} is never used: {reason}" },
  HC2010: { severity: "error", title: "split does not add up", template: "the split adds up to {total}, not 100%" },
  HC2011: { severity: "error", title: "hint level out of range", template: "hint level {level} needs more than {steps} steps" },
  HC2012: { severity: "error", title: "env() outside a secret", template: "env() is only for secrets; {field} takes {expected}" },
  HC2013: { severity: "error", title: "secret written in the spec", template: "{field} must come from the environment, not the spec" },
  HC2014: { severity: "error", title: "unknown name", template: "there is no {what} named {name}" },
  HC2015: { severity: "error", title: "unknown function", template: "{name}() is not a function here" },
  HC2016: { severity: "error", title: "invalid pattern", template: "invalid regular expression: {reason}" },
  HC2017: { severity: "error", title: "unknown file format", template: "cannot tell the format of {path} from its extension" },
  HC2018: { severity: "error", title: "wrong block label", template: "{message}" },
  HC2019: { severity: "error", title: "no data", template: "no source adds rows to the data set" },
  HC2020: { severity: "error", title: "empty group", template: "each problem's group would have no rollouts" },
  HC2021: { severity: "error", title: "missing placeholder", template: "{field} does not contain {placeholder}" },
  HC2022: { severity: "error", title: "invalid filter", template: "{message}" },
  HC2023: { severity: "warning", title: "repeated hint level", template: "hint level {level} is listed more than once" },
  HC2024: { severity: "error", title: "invalid name", template: "{name} is not a valid {what} name" },
  HC2025: { severity: "warning", title: "ignored option", template: "{field} is ignored: {reason}" },

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
  HC3016: { severity: "error", title: "endpoint URL not usable", template: "source {source}: base_url {url} is not an http:// or https:// URL" },
  HC3020: { severity: "warning", title: "problems with no valid chain", template: "source {source}: {count} of {total} problems have no valid chain (first: {ids})" },

  // HC4xxx: partitioning, tokenizers and templates (src/runtime/partition)
  HC4001: { severity: "error", title: "cannot load tokenizer", template: "cannot load the tokenizer {path}: {reason}" },
  HC4002: { severity: "warning", title: "pure-JS tokenizer", template: "the tokenizers binding did not load ({reason}); counting tokens with the pure-JS tokenizer (same ids, about half the speed)" },
  HC4003: { severity: "error", title: "scorer failed", template: "scoring p({end} | prefix) failed: {reason}" },
  HC4004: { severity: "error", title: "invalid partition pattern", template: "the partition pattern {pattern} is not a valid regular expression: {reason}" },
  HC4005: { severity: "error", title: "scorer API key not set", template: "the environment variable {name} (the scorer's API key) is not set" },
  HC4006: { severity: "error", title: "adaptive partition without scorer", template: "the adaptive partitioner needs a scorer" },
  HC4007: { severity: "error", title: "equal chunks without a size", template: "equal_tokens needs steps, or min_tokens above 0 as the chunk size" },
  HC4008: { severity: "error", title: "no engine for the scorer", template: "the engine scorer needs the GPU engine, which this command did not start" },

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
  HC5011: { severity: "warning", title: "problem id in two sources", template: "source {source} gives problem {id}, which an earlier source already gave; dropped" },

  // HC6000-HC6499: training runs (src/trainer, src/runtime/loader)
  HC6000: { severity: "error", title: "cannot open data set", template: "cannot open the data set {path}: {reason}" },
  HC6001: { severity: "error", title: "not a hintc data set", template: "{path} has no hintc provenance (schema metadata key `hintc`), so it cannot be checked against the spec" },
  HC6002: { severity: "error", title: "data set from another spec", template: "{path} was compiled from a different spec: {field} is {compiled} there and {spec} in this spec" },
  HC6003: { severity: "warning", title: "data set compiled with another seed", template: "{path} was compiled with seed {compiled}; this run uses seed {seed} for shuffling and sampling and keeps the data set's splits and steps" },
  HC6004: { severity: "warning", title: "problem skipped", template: "problem {id} in {path} is skipped: {reason}" },
  HC6005: { severity: "error", title: "no problems to train on", template: "{path} has no problems in split \"{split}\"{shard}" },
  HC6006: { severity: "error", title: "no train section", template: "{path} has no train section; hintc run needs one" },
  HC6007: { severity: "error", title: "run folder already used", template: "{path} already holds a run (last checkpoint at step {step})" },
  HC6008: { severity: "error", title: "nothing to resume", template: "cannot resume: {path} holds no checkpoint" },
  HC6009: { severity: "error", title: "checkpoint from another spec", template: "the checkpoint in {path} was made with a different spec: {field} is {saved} there and {spec} in this spec" },
  HC6010: { severity: "error", title: "engine failed", template: "training stopped {when}: the engine failed: {message}" },
  HC6011: { severity: "error", title: "no metrics to plot", template: "{path} holds no metrics to plot ({reason})" },
  HC6012: { severity: "warning", title: "no held-out problems", template: "held-out evaluation is off: {path} has no problems in split \"{split}\"" },
  HC6013: { severity: "error", title: "invalid IR file", template: "{path} is not a valid hintc IR: {pointer}: {message}" },
  HC6014: { severity: "error", title: "cannot read checkpoint", template: "cannot read the checkpoint {path}: {reason}" },

  // HC6500-HC6999: the engine and its protocol (src/trainer/engine, src/trainer/protocol)
  HC6500: { severity: "error", title: "no Python with torch", template: "no Python that imports torch was found: tried {tried}" },
  HC6501: { severity: "error", title: "engine stopped", template: "{message}" },
  HC6502: { severity: "error", title: "engine hung", template: "{message}" },
  HC6503: { severity: "error", title: "engine operation failed", template: "the engine failed {message}" },
  HC6504: { severity: "error", title: "engine protocol error", template: "hintc and its engine disagree: {message}" },

  // HC7xxx: evaluation (src/runtime/eval), export (src/runtime/export) and the reward service (src/runtime/serve)
  HC7001: { severity: "error", title: "unknown benchmark", template: "there is no benchmark named {name}" },
  HC7002: { severity: "error", title: "invalid benchmark record", template: "{file} {where}: {reason}; the record is skipped" },
  HC7003: { severity: "error", title: "k larger than samples", template: "pass@{k} needs at least {k} samples per problem, but each problem gets {samples}" },
  HC7004: { severity: "error", title: "samples missing", template: "{benchmark}: {missing} of {total} samples got no response from the model; they count as wrong" },
  HC7005: { severity: "error", title: "no model to evaluate", template: "nothing to evaluate: {reason}" },
  HC7006: { severity: "warning", title: "empty benchmark", template: "benchmark {benchmark} has no problems to evaluate" },
  HC7007: { severity: "error", title: "eval interrupted", template: "eval interrupted; the results in {path} were not written (answers received so far are cached)" },
  HC7101: { severity: "note", title: "hint moved into the question", template: "{target} cannot continue an assistant message: the hints of {rows} rows were put in the question (template.question_hint)" },
  HC7102: { severity: "note", title: "reference rows left out", template: "{rows} reference rows (the whole chain as the hint) were left out: {target} has no off-policy group members" },
  HC7103: { severity: "warning", title: "nothing to export", template: "{path} has no rows to export{reason}" },
  HC7201: { severity: "error", title: "cannot listen", template: "the reward service cannot listen on {host}:{port}: {reason}" },
  HC7202: { severity: "error", title: "request is not JSON", template: "the request body is not valid JSON" },
  HC7203: { severity: "error", title: "request body too large", template: "the request body is larger than {limit} bytes" },
  HC7204: { severity: "error", title: "batch too long", template: "the batch has {items} items; the service takes at most {limit}" },
  HC7205: { severity: "error", title: "unknown verifier kind", template: "unknown verifier kind {kind}" },
  HC7206: { severity: "error", title: "invalid request", template: "{message}" },
  HC7207: { severity: "error", title: "service shutting down", template: "the reward service is shutting down" },

  // HC8xxx: `hintc verify` input (src/runtime/verify)
  HC8001: { severity: "error", title: "line is not JSON", template: "line {line} is not valid JSON: {reason}" },
  HC8002: { severity: "error", title: "missing field", template: "line {line} has no \"{field}\" field" },
  HC8003: { severity: "error", title: "field of the wrong type", template: "line {line}: \"{field}\" must be {expected}, found {found}" },
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
