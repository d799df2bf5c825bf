/**
 * The library's cut of a text into pieces that BPE then tokenizes one by one, replicated in JavaScript:
 * added tokens first, then the pre-tokenizer's patterns (Split, Isolated) in order, each on the pieces the
 * previous one left. BPE never merges across these pieces, so a text's tokens are its pieces' tokens, and a
 * piece tokenizes the same wherever it occurs: what lets the piece cache (piece-meter.ts) measure text with
 * a scan and Map lookups.
 *
 * Only configurations replicated exactly are accepted (`splitPlan` says why not otherwise): byte-level BPE,
 * a normalizer that is absent or Unicode normalization (a text it would change goes to the library), the
 * pre-tokenizer patterns of split-patterns.ts, and added tokens that neither strip nor match whole words.
 */
import { AddedTokens, type AddedTokenJson } from "./added-tokens.ts";
import { isByteLevel, type TokenizerJson } from "./byte-level.ts";
import { ClassAgreement } from "./class-agreement.ts";
import { tokenizerConfig } from "./config.ts";
import { BYTE_LEVEL, replicatedPattern, type Stage } from "./split-patterns.ts";
import { scanWords } from "./word-scanner.ts";

/** A stage ready to cut: a compiled RegExp, or the word scanner with its digit run length. */
type Cutter = { re: RegExp } | { words: number };

/** The parts of tokenizer.json the fast path reads. */
export interface SplitJson extends TokenizerJson {
  truncation?: unknown;
  padding?: unknown;
  added_tokens?: Array<AddedTokenJson & { id: number }>;
  pre_tokenizer?: PreTokenizerJson | null;
  post_processor?: { type?: string; processors?: Array<{ type?: string }> } | null;
  model?: { type?: string; dropout?: number | null };
}

interface PreTokenizerJson {
  type?: string;
  pretokenizers?: PreTokenizerJson[];
  pattern?: { Regex?: string; String?: string };
  behavior?: string;
  invert?: boolean;
  add_prefix_space?: boolean;
  use_regex?: boolean;
}

const FORMS = new Set(["NFC", "NFD", "NFKC", "NFKD"]);
const NEUTRAL_POST = new Set(["ByteLevel", "TemplateProcessing", "RobertaProcessing", "BertProcessing"]);

/** Pieces of a text: `pieces[i]` is a piece's text; pieces listed in `added` are added tokens. */
export interface Pieces {
  pieces: string[];
  /** Indices of the pieces that are added tokens (one token each), ascending. */
  added: number[];
}

/** How the library cuts texts, replicated; `split` returns null for a text it must see itself. */
export class SplitPlan {
  /** Only RegExp stages use V8's classes, which must agree with Oniguruma's on the text. */
  private readonly agreement: ClassAgreement | null;

  private constructor(
    private readonly added: AddedTokens,
    private readonly forms: readonly string[],
    private readonly stages: readonly Cutter[],
  ) {
    this.agreement = stages.some((s) => "re" in s) ? new ClassAgreement() : null;
  }

  /** The plan for a tokenizer.json, or why the library must measure every text itself. */
  static of(json: SplitJson): SplitPlan | { unsupported: string } {
    const problem = unsupportedParts(json);
    if (problem !== null) return { unsupported: problem };
    const forms = normalizerForms(json)!;
    const stages = regexStages(json.pre_tokenizer!)!;
    const added = AddedTokens.from(json.added_tokens ?? [], (s) => forms.reduce((t, f) => t.normalize(f), s));
    if ("unsupported" in added) return added;
    return new SplitPlan(added, forms, stages.map((s) => ("regex" in s ? { re: new RegExp(s.regex, "gu") } : s)));
  }

  /**
   * The text's pieces in order, or null when the library must measure it: normalization would change it,
   * it holds a lone surrogate, or a character V8 and Oniguruma classify differently.
   */
  split(text: string): Pieces | null {
    for (const form of this.forms) if (text.normalize(form) !== text) return null;
    if (SURROGATE.test(text) && LONE_SURROGATE.test(text)) return null;
    if (this.agreement !== null && !this.agreement.agrees(text)) return null;
    const found = this.added.find(text);
    if (found.length === 0) return { pieces: this.splitSegment(text, 0, null), added: NONE };
    const out: Pieces = { pieces: [], added: [] };
    let previous = 0;
    for (let i = 0; i < found.length; i += 2) {
      if (found[i]! > previous) this.splitSegment(text.slice(previous, found[i]), 0, out.pieces);
      out.added.push(out.pieces.length);
      out.pieces.push(text.slice(found[i], found[i + 1]));
      previous = found[i + 1]!;
    }
    if (previous < text.length) this.splitSegment(text.slice(previous), 0, out.pieces);
    return out;
  }

  /**
   * Splits a segment by stage `stage` and each resulting piece by the later stages, appending the pieces
   * to `out` (or, when `out` is null, returning a new list, which may be the last stage's own matches).
   */
  private splitSegment(segment: string, stage: number, out: string[] | null): string[] {
    if (stage === this.stages.length) {
      (out ??= []).push(segment);
      return out;
    }
    const cutter = this.stages[stage]!;
    const last = stage === this.stages.length - 1;
    if (last && "words" in cutter) {
      const pieces = out ?? [];
      scanWords(segment, 0, segment.length, cutter.words, pieces);
      return pieces;
    }
    const re = (cutter as { re: RegExp }).re;
    if (last) {
      // String.prototype.match is V8's fastest path; when the matches cover the segment, they are the pieces.
      const matches = segment.match(re);
      if (matches !== null && coverLength(matches) === segment.length) {
        if (out === null) return matches;
        for (const m of matches) out.push(m);
        return out;
      }
    }
    const pieces = out ?? [];
    if ("words" in cutter) throw new Error("the word scanner must be the last stage");
    re.lastIndex = 0;
    let previous = 0;
    for (let m = re.exec(segment); m !== null; m = re.exec(segment)) {
      if (m.index > previous) this.splitSegment(segment.slice(previous, m.index), stage + 1, pieces);
      this.splitSegment(m[0], stage + 1, pieces);
      previous = m.index + m[0].length;
    }
    if (previous < segment.length) this.splitSegment(previous === 0 ? segment : segment.slice(previous), stage + 1, pieces);
    return pieces;
  }
}

const NONE: number[] = [];
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function coverLength(matches: readonly string[]): number {
  let n = 0;
  for (const m of matches) n += m.length;
  return n;
}

/** The first part of tokenizer.json the fast path does not replicate, or null. */
function unsupportedParts(json: SplitJson): string | null {
  if (json.truncation != null || json.padding != null) return "it truncates or pads";
  if (json.model?.type !== "BPE" || (json.model.dropout ?? 0) !== 0) return "its model is not deterministic BPE";
  if (normalizerForms(json) === null) return "its normalizer is not Unicode normalization";
  if (!isByteLevel(json)) return "it is not byte-level";
  const post = json.post_processor;
  const posts = post == null ? [] : post.type === "Sequence" ? (post.processors ?? []).map((p) => p.type) : [post.type];
  if (!posts.every((t) => t !== undefined && NEUTRAL_POST.has(t))) return "its post-processor may change tokens";
  if (json.pre_tokenizer == null || regexStages(json.pre_tokenizer) === null) return "its pre-tokenizer is not one hintc replicates";
  return null;
}

/** The Unicode normalization forms the normalizer applies, in order, or null for any other normalizer. */
function normalizerForms(json: SplitJson): string[] | null {
  const n = json.normalizer;
  if (n == null) return [];
  const types = n.type === "Sequence" ? (n.normalizers ?? []).map((x) => x.type) : [n.type];
  return types.every((t) => t !== undefined && FORMS.has(t)) ? (types as string[]) : null;
}

/**
 * The pre-tokenizer's splits, in order: Split (Isolated, not inverted) stages with a replicated pattern,
 * then a ByteLevel step that only maps bytes (or, with use_regex, splits by GPT-2's pattern first); no
 * prefix space; the word scanner only last. Null for anything else.
 */
function regexStages(pre: PreTokenizerJson): Stage[] | null {
  const steps = pre.type === "Sequence" ? (pre.pretokenizers ?? []) : [pre];
  const last = steps[steps.length - 1];
  if (last?.type !== "ByteLevel" || last.add_prefix_space === true) return null;
  const out: Stage[] = [];
  for (const step of steps.slice(0, -1)) {
    if (step.type !== "Split" || step.behavior !== "Isolated" || step.invert === true) return null;
    const source = step.pattern?.Regex === undefined ? null : replicatedPattern(step.pattern.Regex);
    if (source === null) return null;
    out.push(source);
  }
  if (last.use_regex !== false) out.push(BYTE_LEVEL);
  return out.slice(0, -1).some((s) => "words" in s) ? null : out;
}

/**
 * What a worker needs to split texts like the tokenizer a spec names (tokenizer.json without its tables,
 * plain data that crosses to worker threads), or why the library must measure every text itself.
 */
export function splitConfig(jsonText: string): SplitJson | { unsupported: string } {
  let config: SplitJson;
  try {
    config = tokenizerConfig(jsonText);
  } catch (error) {
    return { unsupported: `it is not a tokenizer.json hintc can read (${(error as Error).message})` };
  }
  const plan = SplitPlan.of(config);
  return "unsupported" in plan ? plan : config;
}
