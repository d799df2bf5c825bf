/** `hintc inspect` as plain text: for pipes, logs and terminals when asked with --plain. */
import { excerpt, promptLines, splitPrompt, type PromptParts } from "./excerpt.ts";
import { distributionLines, headline, histogramLines, hintUnit, n, rowLine, schemaLines, splitLevelLines, type Inspection } from "./model.ts";

export interface PlainOptions {
  /** ANSI inverse video for the hint; otherwise it is marked ⟦like this⟧. */
  color: boolean;
}

/** The whole report: head, schema, counts, histograms, then one sample row per level with its hint marked. */
export function renderPlain(inspection: Inspection, options: PlainOptions): string {
  const { summary, dataset } = inspection;
  const c = dataset.provenance.counts;
  const out: string[] = [headline(inspection), ""];
  out.push("schema:", ...schemaLines(dataset.schema).map((l) => `  ${l}`), "");
  out.push("rows per split and level:", ...splitLevelLines(summary).map((l) => `  ${l}`), "");
  out.push(`kinds: ${Object.entries(summary.by_kind).map(([k, v]) => `${k} ${n(v)}`).join(" · ")}`);
  out.push(`compile: ${n(c.rows_read)} records read · ${n(c.chains_read)} chains · ${n(c.chains_rejected)} rejected · ${n(c.problems_dropped)} problems dropped`, "");
  out.push("steps per chain:", ...histogramLines(summary.steps_per_chain, (k) => `${k} steps`).map((l) => `  ${l}`), "");
  const [head, ...bins] = distributionLines("hint length", hintUnit(inspection), summary.hint_tokens);
  out.push(head!, ...bins.map((l) => `  ${l}`), "");
  for (const row of onePerLevel(inspection)) out.push(...sampleLines(row, hintUnit(inspection), options), "");
  return out.join("\n");
}

function onePerLevel(inspection: Inspection): Inspection["samples"] {
  const seen = new Set<number>();
  return inspection.samples.filter((r) => !seen.has(r.level) && seen.add(r.level)).sort((a, b) => a.level - b.level);
}

function sampleLines(row: Inspection["samples"][number], unit: string, options: PlainOptions): string[] {
  const parts = excerpt(splitPrompt(row.prompt, row.hint_start, row.hint_end));
  const lines = promptLines(parts).map((segments) =>
    segments.map((s) => (!s.hint ? s.text : options.color ? `\x1b[7m${s.text}\x1b[27m` : s.text)).join(""),
  );
  if (!options.color) markHintEnds(lines, parts);
  return [`── ${rowLine(row, unit)}`, ...lines.map((l) => `  │ ${l}`)];
}

/** Without colour the hint is bracketed ⟦…⟧: the opening bracket where it starts, the closing one where it ends. */
function markHintEnds(lines: string[], parts: PromptParts): void {
  const startLine = parts.before.split("\n").length - 1;
  const startColumn = parts.before.length - (parts.before.lastIndexOf("\n") + 1);
  const endLine = startLine + parts.hint.split("\n").length - 1;
  const lastHintLine = parts.hint.slice(parts.hint.lastIndexOf("\n") + 1);
  const endColumn = (endLine === startLine ? startColumn : 0) + lastHintLine.length;
  const close = lines[endLine]!;
  lines[endLine] = `${close.slice(0, endColumn)}⟧${close.slice(endColumn)}`;
  const open = lines[startLine]!;
  lines[startLine] = `${open.slice(0, startColumn)}⟦${open.slice(startColumn)}`;
}
