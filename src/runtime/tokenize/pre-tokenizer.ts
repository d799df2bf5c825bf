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

/**
 * Where a text's pieces end: piece i is text.slice(i === 0 ? 0 : ends[i - 1], ends[i]), for i < count;
 * the pieces listed in `added` are added tokens (one token each).
 */
export interface PieceBounds {
  ends: Int32Array;
  count: number;
  /** Indices of the pieces that are added tokens, ascending. */
  added: readonly number[];
}

/** Piece ends as they are found. */
export class BoundsBuilder {
  ends: Int32Array;
  count = 0;

  constructor(expected: number) {
    this.ends = new Int32Array(Math.max(16, expected));
  }

  push(end: number): void {
    if (this.count === this.ends.length) {
      const bigger = new Int32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.ends[this.count++] = end;
  }
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
   * Where the text's pieces end, or null when the library must measure it: normalization would change it,
   * it holds a lone surrogate, or a character V8 and Oniguruma classify differently.
   */
  split(text: string): PieceBounds | null {
    for (const form of this.forms) if (text.normalize(form) !== text) return null;
    if (SURROGATE.test(text) && LONE_SURROGATE.test(text)) return null;
    if (this.agreement !== null && !this.agreement.agrees(text)) return null;
    const found = this.added.find(text);
    // Reasoning text has about one piece per four characters.
    const out = new BoundsBuilder(text.length >> 2);
    const added: number[] = found.length === 0 ? NONE : [];
    let previous = 0;
    for (let i = 0; i < found.length; i += 2) {
      if (found[i]! > previous) this.splitSegment(text, previous, found[i]!, out);
      added.push(out.count);
      out.push(found[i + 1]!);
      previous = found[i + 1]!;
    }
    if (previous < text.length) this.splitSegment(text, previous, text.length, out);
    return { ends: out.ends, count: out.count, added };
  }

  /** The text's pieces as strings (for tests and inspection), or null as `split`. */
  pieces(text: string): { pieces: string[]; added: readonly number[] } | null {
    const bounds = this.split(text);
    if (bounds === null) return null;
    const pieces = Array.from({ length: bounds.count }, (_, i) => text.slice(i === 0 ? 0 : bounds.ends[i - 1], bounds.ends[i]));
    return { pieces, added: bounds.added };
  }

  /** Cuts text[start, end), a segment between added tokens, by every stage. */
  private splitSegment(text: string, start: number, end: number, out: BoundsBuilder): void {
    const first = this.stages[0]!;
    if (this.stages.length === 1 && "words" in first) scanWords(text, start, end, first.words, out, 0);
    else this.cut(start === 0 && end === text.length ? text : text.slice(start, end), start, 0, out);
  }

  /**
   * Cuts `piece` (its own string, at offset `base` of the text) by stage `stage` and each resulting piece
   * by the later stages. Each stage sees its piece as a whole string, as the library's Split does (a
   * lookahead at the piece's end sees the end of the text).
   */
  private cut(piece: string, base: number, stage: number, out: BoundsBuilder): void {
    if (stage === this.stages.length) {
      out.push(base + piece.length);
      return;
    }
    const cutter = this.stages[stage]!;
    if ("words" in cutter) {
      scanWords(piece, 0, piece.length, cutter.words, out, base);
      return;
    }
    const re = cutter.re;
    if (stage === this.stages.length - 1) {
      // String.prototype.match is V8's fastest path; when the matches cover the piece, they are the pieces.
      const matches = piece.match(re);
      if (matches !== null && coverLength(matches) === piece.length) {
        let at = base;
        for (const m of matches) out.push((at += m.length));
        return;
      }
    }
    re.lastIndex = 0;
    let previous = 0;
    for (let m = re.exec(piece); m !== null; m = re.exec(piece)) {
      if (m.index > previous) this.cut(piece.slice(previous, m.index), base + previous, stage + 1, out);
      this.cut(m[0], base + m.index, stage + 1, out);
      previous = m.index + m[0].length;
    }
    if (previous < piece.length) this.cut(previous === 0 ? piece : piece.slice(previous), base + previous, stage + 1, out);
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
