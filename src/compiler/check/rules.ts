/**
 * Rules that look at more than one field: source roles and unused sources, conflicting options, split
 * shares, hint levels against the number of steps, placeholders, formats, names that refer to other blocks.
 *
 * Source roles: a source named by another source's `generate.from` only supplies problems (IR role
 * `problems_only`); every other source adds rows (role `dataset`) and so needs chains, from a `chain` field
 * or a `generate` block. A source that adds rows but has no chains and feeds no generation is unused:
 * HC2009 warns and the source is left out of the IR.
 */
import { diagnostic, type Diagnostic, type Span } from "../../diagnostics/index.ts";
import { blockOrDefault, child, children, get, has, must } from "./checked.ts";
import { closest, suggest } from "./did-you-mean.ts";
import { OUTPUT_EXTENSIONS, SOURCE_EXTENSIONS, outputFormatOf, sourceFormatOf } from "./formats.ts";
import { NAME_PATTERN } from "./table.ts";
import type { HintsValue } from "./values.ts";
import type { CheckedBlock } from "./walk.ts";

export type Role = "dataset" | "problems_only";

export interface SourcePlan {
  /** The sources that go into the IR, in spec order. */
  included: CheckedBlock[];
  roles: Map<string, Role>;
}

interface RuleContext {
  file: string;
  diagnostics: Diagnostic[];
}

type Code = Parameters<typeof diagnostic>[0];

/** Runs every cross-field rule; returns the source plan the lowering follows. */
export function checkRules(root: CheckedBlock, file: string): { plan: SourcePlan; diagnostics: Diagnostic[] } {
  const ctx: RuleContext = { file, diagnostics: [] };
  const plan = checkSources(root, ctx);
  checkSplit(root, ctx);
  checkPartition(root, ctx);
  checkLevels(root, ctx);
  checkPlaceholders(root, ctx);
  checkOutput(root, ctx);
  checkTrainEval(root, ctx);
  checkBetas(root, ctx);
  return { plan, diagnostics: ctx.diagnostics };
}

function checkSources(root: CheckedBlock, ctx: RuleContext): SourcePlan {
  const sources = children(root, "source").filter((s) => s.label !== null);
  const names = sources.map((s) => s.label!);
  const usedAsFrom = new Map<string, CheckedBlock>();
  for (const source of sources) {
    const from = fromOf(source);
    if (!from) continue;
    const target = from.value as string;
    if (target === source.label || !names.includes(target)) {
      const others = names.filter((n) => n !== source.label);
      const help = target === source.label ? ["leave out from to send this source's own problems"] : suggest(target, others, "sources");
      report(ctx, "HC2014", { what: target === source.label ? "other source" : "source", name: target }, from.span, help);
    } else if (!usedAsFrom.has(target)) {
      usedAsFrom.set(target, source);
    }
  }
  const included: CheckedBlock[] = [];
  const roles = new Map<string, Role>();
  for (const source of sources) {
    checkSourceFile(source, usedAsFrom, ctx);
    const user = usedAsFrom.get(source.label!);
    const role: Role = user ? "problems_only" : "dataset";
    if (role === "problems_only") checkProblemsOnly(source, user!, ctx);
    else if (!has(source, "chain") && !child(source, "generate")) {
      report(ctx, "HC2009", { name: source.label!, reason: "it has no chains and no source generates from it" }, source.span, [
        "add chain: FIELD or a generate { … } block, or name it in another source's generate.from",
      ]);
      continue;
    }
    roles.set(source.label!, role);
    included.push(source);
  }
  if (sources.length > 0 && !included.some((s) => roles.get(s.label!) === "dataset")) {
    report(ctx, "HC2019", {}, sources[0]!.span, ["a source adds rows when it has chains: a chain field or a generate block"]);
  }
  return { included, roles };
}

function fromOf(source: CheckedBlock): { value: unknown; span: Span } | undefined {
  return child(source, "generate")?.fields.get("from");
}

function checkSourceFile(source: CheckedBlock, usedAsFrom: Map<string, CheckedBlock>, ctx: RuleContext): void {
  const generate = child(source, "generate");
  const chain = source.fields.get("chain");
  if (chain && generate) conflict(ctx, "chain", "generate", generate.span, chain.nameSpan);
  const from = fromOf(source);
  const fromOk = from !== undefined && usedAsFrom.get(from.value as string) === source;
  const file = source.fields.get("file");
  if (file && fromOk) conflict(ctx, "file", "generate.from", from.span, file.nameSpan);
  if (!file && !from) {
    report(ctx, "HC2007", { block: source.title, field: "file" }, source.span, ["file: the data file, or generate { from: OTHER_SOURCE … } to send another source's problems"]);
  }
  if (file && !has(source, "format") && sourceFormatOf(file.value as string) === null) {
    report(ctx, "HC2017", { path: file.value as string }, file.span, [`add format: jsonl, json, parquet or arrow (known extensions: ${SOURCE_EXTENSIONS})`]);
  }
}

function checkProblemsOnly(source: CheckedBlock, user: CheckedBlock, ctx: RuleContext): void {
  const generate = child(source, "generate");
  if (generate) conflict(ctx, `generate in source ${source.label}`, `generate.from: ${source.label} in source ${user.label}`, generate.span, fromOf(user)!.span);
  const chain = source.fields.get("chain");
  if (chain) {
    report(ctx, "HC2025", { field: "chain", reason: `source ${source.label} only supplies problems to source ${user.label}` }, chain.nameSpan);
  }
}

function checkSplit(root: CheckedBlock, ctx: RuleContext): void {
  const split = child(root, "split");
  if (!split) return;
  let total = 0;
  for (const [name, field] of split.fields) {
    if (!NAME_PATTERN.test(name)) report(ctx, "HC2024", { name, what: "split" }, field.nameSpan);
    total += field.value as number;
  }
  if (Math.abs(total - 1) > 1e-9) {
    const shown = `${Number((total * 100).toPrecision(10))}%`;
    report(ctx, "HC2010", { total: shown }, split.span, ["give each split its share, e.g. split { train: 95%  test: 5% }"]);
  }
}

/** The number of steps m, when it is known at compile time. */
export function stepsOf(root: CheckedBlock): number | null {
  return get<number | null>(blockOrDefault(root, "partition"), "steps") ?? null;
}

function checkPartition(root: CheckedBlock, ctx: RuleContext): void {
  const partition = child(root, "partition");
  const steps = partition?.fields.get("steps");
  if (partition && steps && steps.value === null && (partition.kind === "adaptive" || partition.kind === "equal_tokens")) {
    report(ctx, "HC2003", { expected: `an integer ≥ 2 (partition ${partition.kind} needs a number of steps)`, found: "null" }, steps.span);
  }
}

function checkLevels(root: CheckedBlock, ctx: RuleContext): void {
  const levels = blockOrDefault(root, "levels");
  const m = stepsOf(root);
  const hints = must<HintsValue>(levels, "hints");
  if (hints !== "all") {
    const seen = new Set<string>();
    for (const { level, span } of hints) {
      if ("steps" in level && m !== null && level.steps >= m) {
        report(ctx, "HC2011", { level: level.steps, steps: m - 1 }, span, [`with steps: ${m}, hint levels go from 1 to ${m - 1}`]);
      }
      const key = JSON.stringify(level);
      if (seen.has(key)) report(ctx, "HC2023", { level: "steps" in level ? level.steps : level.fraction }, span);
      seen.add(key);
    }
  }
  const count = hints === "all" ? Math.max(1, (m ?? 2) - 1) : hints.length;
  const group = must<number>(levels, "unhinted") + must<number>(levels, "per_level") * count + (must<boolean>(levels, "reference") ? 1 : 0);
  if (group === 0) report(ctx, "HC2020", {}, levels.span, ["set unhinted, per_level or reference so each group has members"]);
}

function checkPlaceholders(root: CheckedBlock, ctx: RuleContext): void {
  const question = child(root, "template")?.fields.get("question_hint");
  if (question && !(question.value as string).includes("{hint}")) {
    report(ctx, "HC2021", { field: "question_hint", placeholder: "{hint}" }, question.span, ["{hint} marks where the hint goes"]);
  }
  for (const source of children(root, "source")) {
    const prompt = child(source, "generate")?.fields.get("prompt");
    if (prompt && !(prompt.value as string).includes("{problem}")) {
      report(ctx, "HC2021", { field: "prompt", placeholder: "{problem}" }, prompt.span, ["{problem} marks where each problem's text goes"]);
    }
  }
}

function checkOutput(root: CheckedBlock, ctx: RuleContext): void {
  const output = child(root, "output");
  const path = output?.fields.get("path");
  if (path && !has(output, "format") && outputFormatOf(path.value as string) === null) {
    report(ctx, "HC2017", { path: path.value as string }, path.span, [`add format: arrow, arrow-stream or parquet (known extensions: ${OUTPUT_EXTENSIONS})`]);
  }
}

/** The split names the spec defines (train alone when it has no split block). */
export function splitNames(root: CheckedBlock): string[] {
  const split = child(root, "split");
  return split ? [...split.fields.keys()] : ["train"];
}

function checkTrainEval(root: CheckedBlock, ctx: RuleContext): void {
  const split = child(child(root, "train"), "eval")?.fields.get("split");
  if (!split) return;
  const names = splitNames(root);
  const name = split.value as string;
  if (!names.includes(name)) {
    const near = closest(name, names);
    report(ctx, "HC2014", { what: "split", name }, split.span, near ? [`did you mean ${near}?`] : [`splits: ${names.join(", ")}`]);
  }
}

/** AdamW's betas: exactly two, each below 1 (at 1 its moment estimates never move and the step divides by 0). */
function checkBetas(root: CheckedBlock, ctx: RuleContext): void {
  const betas = child(root, "train")?.fields.get("betas");
  if (!betas) return;
  const values = betas.value as number[];
  const help = ["write betas: [0.9, 0.999] (AdamW's beta1 and beta2)"];
  if (values.length !== 2) {
    report(ctx, "HC2003", { expected: "a list of two numbers [beta1, beta2]", found: `a list of ${values.length}` }, betas.span, help);
  } else if (values.some((v) => v >= 1)) {
    report(ctx, "HC2004", { expected: "numbers ≥ 0 and < 1", found: `[${values.join(", ")}]` }, betas.span, help);
  }
}

function conflict(ctx: RuleContext, first: string, second: string, span: Span, firstSpan: Span): void {
  ctx.diagnostics.push(diagnostic("HC2008", { first, second }, { file: ctx.file, span, labels: [{ span: firstSpan, message: `${first.split(" ")[0]} is given here` }] }));
}

function report(ctx: RuleContext, code: Code, args: Record<string, string | number>, span: Span, help: string[] = []): void {
  ctx.diagnostics.push(diagnostic(code, args, { file: ctx.file, span, help }));
}
