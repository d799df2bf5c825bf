/**
 * What `hintc inspect` shows, independent of how: the summary lines, the sample filter, and the JSON form.
 * The plain printer and the ink view both render from here.
 */
import type { Schema } from "apache-arrow";
import type { Dataset, DatasetRow, DatasetSummary, Distribution } from "../../runtime/dataset/index.ts";

export interface Inspection {
  path: string;
  dataset: Dataset;
  summary: DatasetSummary;
  samples: DatasetRow[];
}

/** Which sample rows are shown: null means any. */
export interface SampleFilter {
  split: string | null;
  level: number | null;
}

export function filterSamples(samples: readonly DatasetRow[], filter: SampleFilter): DatasetRow[] {
  return samples.filter((r) => (filter.split === null || r.split === filter.split) && (filter.level === null || r.level === filter.level));
}

/** The next value of a filter: all → each value in turn → all. */
export function cycle<T>(current: T | null, values: readonly T[]): T | null {
  if (values.length === 0) return null;
  if (current === null) return values[0]!;
  const at = values.indexOf(current);
  return at < 0 || at === values.length - 1 ? null : values[at + 1]!;
}

export function schemaLines(schema: Schema): string[] {
  return schema.fields.map((f) => `${f.name}: ${String(f.type)}${f.nullable ? " (nullable)" : ""}`);
}

export function headline(inspection: Inspection): string {
  const { dataset, summary } = inspection;
  const p = dataset.provenance;
  return `${inspection.path} · ${dataset.format} · ${n(summary.rows)} rows · ${n(summary.problems)} problems · ${n(summary.chains)} chains · spec ${p.spec.file} · hintc ${p.hintc_version}`;
}

/** Rows per split and level, as a small table: one line per split. */
export function splitLevelLines(summary: DatasetSummary): string[] {
  const levels = Object.keys(summary.by_level);
  const width = Math.max(5, ...Object.keys(summary.by_split).map((s) => s.length));
  const header = `${"split".padEnd(width)}  ${levels.map((l) => `L${l}`.padStart(8)).join("")}${"rows".padStart(10)}`;
  const lines = Object.entries(summary.by_split_level).map(([split, byLevel]) => {
    const cells = levels.map((l) => n(byLevel[l] ?? 0).padStart(8)).join("");
    return `${split.padEnd(width)}  ${cells}${n(summary.by_split[split] ?? 0).padStart(10)}`;
  });
  const total = `${"all".padEnd(width)}  ${levels.map((l) => n(summary.by_level[l] ?? 0).padStart(8)).join("")}${n(summary.rows).padStart(10)}`;
  return [header, ...lines, total];
}

const BAR = 30;

/** A horizontal bar chart of a count map. */
export function histogramLines(counts: Record<string, number>, label: (key: string) => string): string[] {
  const entries = Object.entries(counts);
  const most = Math.max(1, ...entries.map(([, v]) => v));
  const width = Math.max(1, ...entries.map(([k]) => label(k).length));
  return entries.map(([k, v]) => `${label(k).padStart(width)} ${"█".repeat(Math.max(v > 0 ? 1 : 0, Math.round((BAR * v) / most))).padEnd(BAR)} ${n(v)}`);
}

export function distributionLines(name: string, unit: string, d: Distribution | null): string[] {
  if (d === null) return [`${name}: no hinted rows`];
  const head = `${name} (${unit}): n ${n(d.count)} · min ${n(d.min)} · p10 ${n(d.p10)} · median ${n(d.p50)} · mean ${d.mean} · p90 ${n(d.p90)} · max ${n(d.max)}`;
  const bins = Object.fromEntries(d.bins.map((b) => [`${b.from}–${b.to - 1}`, b.count]));
  return [head, ...histogramLines(bins, (k) => k)];
}

/** A row's one-line description; `unit` is what hint lengths count. */
export function rowLine(row: DatasetRow, unit: string): string {
  return `${row.problem_id} · split ${row.split} · ${row.kind} level ${row.level}/${row.num_steps} · chain ${row.chain_index} · ${row.rollouts} rollout${row.rollouts === 1 ? "" : "s"} · hint ${n(row.hint_tokens)} ${unit} · reward ${row.reward}`;
}

/** The unit hint lengths are counted in, from the IR. */
export function hintUnit(inspection: Inspection): string {
  return inspection.dataset.provenance.ir?.tokenizer?.count === "chars" ? "characters" : "tokens";
}

/** The JSON `--json` prints (after `file` and `ok`). */
export function inspectionJson(inspection: Inspection): Record<string, unknown> {
  const { dataset, summary, samples } = inspection;
  const p = dataset.provenance;
  return {
    format: dataset.format,
    schema: dataset.schema.fields.map((f) => ({ name: f.name, type: String(f.type), nullable: f.nullable })),
    provenance: { hintc_version: p.hintc_version, schema_version: p.schema_version, spec: { file: p.spec.file, sha256: p.spec.sha256 }, inputs: p.inputs, reward: p.reward, counts: p.counts, stats: p.stats },
    summary,
    samples,
  };
}

/** 12345 → "12,345". */
export function n(value: number): string {
  return value.toLocaleString("en-US");
}
