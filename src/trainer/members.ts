/**
 * From planned members to token sequences: the prompt each member is sampled from and the tokens forced at
 * the start of its response (the hint, possibly cut short by the anneal schedule; for the reference member,
 * the whole chain followed by an end-of-sequence token). The engine's tokenizer does the tokenizing, in as
 * few calls as the step allows.
 */
import type { Levels } from "../ir/index.ts";
import { levelRow, type LevelRow, type ProblemRecord } from "../runtime/loader/record.ts";
import { codePointIndex } from "../runtime/loader/regroup.ts";
import type { Engine } from "./protocol/engine.ts";
import { pack, unpack } from "./ragged.ts";
import type { MemberPlan } from "./schedules.ts";

/** A block of planned members, ready to sample from (or, for the reference, ready to train on). */
export interface PreparedMember {
  /** Index of the problem in the step's list. */
  problem: number;
  plan: MemberPlan;
  /** The tokens the policy is conditioned on. */
  prompt: Int32Array;
  /** Tokens forced at the start of the response: the hint; the reference's whole response. */
  forced: Int32Array;
  /** The text of `forced`, which starts the response the verifier reads. */
  forcedText: string;
}

/** One member block before tokenizing. */
interface Draft {
  problem: number;
  plan: MemberPlan;
  promptText: string;
  forcedText: string;
  /** The hint's place, for question placement under anneal (the hint is inside the prompt). */
  split?: { before: string; hint: string; after: string };
}

/** Tokenizes the planned members of a step. `problems[i]` goes with `plans[i]`. */
export async function prepareMembers(
  engine: Engine,
  problems: readonly ProblemRecord[],
  plans: ReadonlyArray<readonly MemberPlan[]>,
  placement: Levels["placement"],
): Promise<PreparedMember[]> {
  const drafts = problems.flatMap((problem, i) => plans[i]!.map((plan) => draft(i, problem, plan, placement)));
  const texts = new Set<string>();
  for (const d of drafts) {
    texts.add(d.promptText).add(d.forcedText);
    if (d.split) texts.add(d.split.hint);
  }
  const tokens = await tokenizeAll(engine, [...texts]);
  const prepared = drafts.map((d) => ({
    problem: d.problem,
    plan: d.plan,
    prompt: tokens.get(d.promptText)!,
    forced: d.plan.kind === "reference" ? withEos(tokens.get(d.forcedText)!, engine) : tokens.get(d.forcedText)!,
    forcedText: d.forcedText,
  }));
  await cutHints(engine, prepared, drafts, tokens);
  return prepared;
}

function draft(problem: number, record: ProblemRecord, plan: MemberPlan, placement: Levels["placement"]): Draft {
  const base = levelRow(record, 0)!;
  if (plan.kind === "reference") {
    const promptText = placement === "prefix" ? responseStart(base).prompt : base.prompt;
    return { problem, plan, promptText, forcedText: record.steps.join("") };
  }
  const row = levelRow(record, plan.level) ?? base;
  if (placement === "prefix") return { problem, plan, ...responseStartDraft(row) };
  const start = codePointIndex(row.prompt, row.hint_start)!;
  const end = codePointIndex(row.prompt, row.hint_end)!;
  const split = { before: row.prompt.slice(0, start), hint: row.hint, after: row.prompt.slice(end) };
  return { problem, plan, promptText: row.prompt, forcedText: "", ...(plan.keep < 1 ? { split } : {}) };
}

/** Prefix placement: the response starts where the hint starts; everything from there on is forced. */
function responseStart(row: LevelRow): { prompt: string; forced: string } {
  const at = codePointIndex(row.prompt, row.hint_start)!;
  return { prompt: row.prompt.slice(0, at), forced: row.prompt.slice(at) };
}

function responseStartDraft(row: LevelRow): { promptText: string; forcedText: string } {
  const { prompt, forced } = responseStart(row);
  return { promptText: prompt, forcedText: forced };
}

async function tokenizeAll(engine: Engine, texts: string[]): Promise<Map<string, Int32Array>> {
  const ragged = await engine.tokenize(texts);
  const sequences = unpack(ragged);
  return new Map(texts.map((text, i) => [text, sequences[i]!]));
}

function withEos(tokens: Int32Array, engine: Engine): Int32Array {
  const eos = engine.info.eos_token_ids[0];
  if (eos === undefined) return tokens;
  const out = new Int32Array(tokens.length + 1);
  out.set(tokens);
  out[tokens.length] = eos;
  return out;
}

/** The number of a hint's tokens kept when the schedule forces the fraction `keep` of it. */
export function keptTokens(length: number, keep: number): number {
  return Math.round(length * keep);
}

/**
 * Anneal: keep the first round(keep × n) of each hint's n tokens. In prefix placement they are the forced
 * prefix; in question placement the cut hint is decoded and put back into the question.
 */
async function cutHints(engine: Engine, prepared: PreparedMember[], drafts: Draft[], tokens: Map<string, Int32Array>): Promise<void> {
  const cut = prepared.flatMap((member, i) => (member.plan.kind === "hint" && member.plan.keep < 1 ? [i] : []));
  if (cut.length === 0) return;
  const hintTokens = cut.map((i) => {
    const d = drafts[i]!;
    const all = d.split ? tokens.get(d.split.hint)! : prepared[i]!.forced;
    return all.subarray(0, keptTokens(all.length, d.plan.keep));
  });
  const texts = await engine.decode(pack(hintTokens, Int32Array));
  const prompts: string[] = [];
  cut.forEach((i, j) => {
    const d = drafts[i]!;
    if (d.split) prompts.push(d.split.before + texts[j]! + d.split.after);
    else Object.assign(prepared[i]!, { forced: hintTokens[j]!, forcedText: texts[j]! });
  });
  if (prompts.length === 0) return;
  const retokenized = await tokenizeAll(engine, [...new Set(prompts)]);
  let p = 0;
  for (const i of cut) if (drafts[i]!.split) prepared[i]!.prompt = retokenized.get(prompts[p++]!)!;
}
