/**
 * Does the data set come from this spec? The provenance (schema metadata `hintc`) holds the IR the data set
 * was compiled from. The parts of it that shape the rows must equal the run spec's; training-only parts
 * (train, eval, rollout counts, the schedule, output paths) may differ, since the trainer reads those from
 * the run spec.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { HintIR } from "../../ir/index.ts";

/** The provenance fields the loader reads (the dataset writer's provenance has these and more). */
export interface ProvenanceView {
  format?: string;
  spec?: { sha256?: string };
  ir?: Partial<HintIR>;
}

/** IR paths that shape a data set's rows: a difference there means the data set is stale. */
const ROW_SHAPING: ReadonlyArray<readonly string[]> = [
  ["sources"],
  ["verify"],
  ["partition"],
  ["tokenizer"],
  ["levels", "hints"],
  ["levels", "reference"],
  ["levels", "placement"],
  ["template"],
  ["reward"],
  ["splits"],
];

/** At most this many differing paths are listed in the diagnostic. */
const SHOWN = 4;

/** The provenance from its JSON text or decoded object; undefined when it is not a hintc provenance object. */
export function parseProvenance(found: unknown): ProvenanceView | undefined {
  let value = found;
  if (typeof found === "string") {
    try {
      value = JSON.parse(found);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== "object" || value === null || !("ir" in value)) return undefined;
  return value as ProvenanceView;
}

/**
 * Diagnostics for a data set whose provenance (JSON text or decoded object) disagrees with the run spec
 * (empty when they agree).
 */
export function checkProvenance(path: string, found: unknown, ir: HintIR, specSha256?: string): Diagnostic[] {
  const provenance = parseProvenance(found);
  if (provenance?.ir === undefined) {
    return [diagnostic("HC6001", { path }, { help: ["compile the spec first: hintc compile SPEC", "or point train.dataset at a file hintc compiled"] })];
  }
  const out: Diagnostic[] = [];
  const compiled = provenance.ir;
  if (specSha256 === undefined || provenance.spec?.sha256 !== specSha256) {
    const differences = ROW_SHAPING.flatMap((keys) => differencesAt(keys, read(compiled, keys), read(ir, keys)));
    if (differences.length > 0) out.push(staleDiagnostic(path, differences));
  }
  if (compiled.seed !== undefined && compiled.seed !== ir.seed) {
    out.push(diagnostic("HC6003", { path, compiled: compiled.seed, seed: ir.seed }));
  }
  return out;
}

function staleDiagnostic(path: string, differences: Difference[]): Diagnostic {
  const first = differences[0]!;
  const more = differences.slice(1, SHOWN).map((d) => `also differs: ${d.path} (data set: ${d.compiled}, spec: ${d.spec})`);
  const rest = differences.length > SHOWN ? [`and ${differences.length - SHOWN} more differences`] : [];
  return diagnostic(
    "HC6002",
    { path, field: first.path, compiled: first.compiled, spec: first.spec },
    { help: [...more, ...rest, "recompile the data set with hintc compile SPEC, or train with the spec it was compiled from"] },
  );
}

/** A leaf where two JSON values differ: its dotted path and both values, shortened for messages. */
export interface Difference {
  path: string;
  compiled: string;
  spec: string;
}

/** Where two JSON values differ (a before, b after), depth first; `prefix` starts every path. */
export function jsonDifferences(a: unknown, b: unknown, prefix: readonly string[] = []): Difference[] {
  return differencesAt(prefix, a, b);
}

function read(value: unknown, keys: readonly string[]): unknown {
  let at = value;
  for (const key of keys) at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** The leaf paths where two JSON values differ, depth first. */
function differencesAt(keys: readonly string[], compiled: unknown, spec: unknown): Difference[] {
  const path = keys.join(".");
  if (isObject(compiled) && isObject(spec)) {
    const names = [...new Set([...Object.keys(compiled), ...Object.keys(spec)])].sort();
    return names.flatMap((name) => differencesAt([...keys, name], compiled[name], spec[name]));
  }
  if (Array.isArray(compiled) && Array.isArray(spec) && compiled.length === spec.length) {
    return compiled.flatMap((item, i) => differencesAt([...keys, String(i)], item, spec[i]));
  }
  if (JSON.stringify(compiled) === JSON.stringify(spec)) return [];
  return [{ path, compiled: shown(compiled), spec: shown(spec) }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (value === undefined) return "absent";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
