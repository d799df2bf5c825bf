/**
 * Added tokens (<|im_end|>, <think>, …) as the library finds them before anything else: leftmost-longest
 * matches of their literal text, first the tokens marked `normalized: false` on the raw text, then those
 * marked `normalized: true` in the pieces left between (on normalized text, which the fast path only sees
 * when normalizing changes nothing). Each match is one token; the text between goes to the pre-tokenizer.
 */

export interface AddedTokenJson {
  content: string;
  normalized?: boolean;
  lstrip?: boolean;
  rstrip?: boolean;
  single_word?: boolean;
}

/** Literal strings found leftmost-longest, as an Aho-Corasick automaton in that mode finds them. */
class LiteralSet {
  private readonly byFirst = new Map<number, string[]>();
  private readonly starts: RegExp | null;

  constructor(contents: readonly string[]) {
    for (const c of contents) {
      if (c === "") continue;
      const list = this.byFirst.get(c.charCodeAt(0)) ?? [];
      list.push(c);
      this.byFirst.set(c.charCodeAt(0), list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
    const units = [...this.byFirst.keys()].map((u) => `\\u${u.toString(16).padStart(4, "0")}`);
    // Without the u flag a class of UTF-16 units finds the first unit of every candidate, surrogates included.
    this.starts = units.length === 0 ? null : new RegExp(`[${units.join("")}]`, "g");
  }

  /** Matches in text[from, to), in order, as [start, end] pairs appended to `out`. */
  find(text: string, from: number, to: number, out: number[]): void {
    const starts = this.starts;
    if (starts === null) return;
    starts.lastIndex = from;
    for (let m = starts.exec(text); m !== null && m.index < to; m = starts.exec(text)) {
      const at = m.index;
      const hit = this.byFirst.get(text.charCodeAt(at))!.find((c) => at + c.length <= to && text.startsWith(c, at));
      if (hit === undefined) continue;
      out.push(at, at + hit.length);
      starts.lastIndex = at + hit.length;
    }
  }
}

/** The added tokens of a tokenizer.json, or why the fast path cannot replicate them. */
export class AddedTokens {
  private constructor(
    private readonly raw: LiteralSet,
    private readonly normalized: LiteralSet,
  ) {}

  /** Null with a reason when a token strips spaces or matches whole words only (not replicated). */
  static from(tokens: readonly AddedTokenJson[], normalize: (s: string) => string): AddedTokens | { unsupported: string } {
    const odd = tokens.find((t) => t.lstrip === true || t.rstrip === true || t.single_word === true);
    if (odd !== undefined) return { unsupported: `added token ${JSON.stringify(odd.content)} strips spaces or matches single words` };
    const changed = tokens.find((t) => t.normalized === true && normalize(t.content) !== t.content);
    if (changed !== undefined) return { unsupported: `added token ${JSON.stringify(changed.content)} changes under the normalizer` };
    return new AddedTokens(
      new LiteralSet(tokens.filter((t) => t.normalized !== true).map((t) => t.content)),
      new LiteralSet(tokens.filter((t) => t.normalized === true).map((t) => t.content)),
    );
  }

  /** Every added token in text, as sorted [start, end] pairs. */
  find(text: string): number[] {
    const first: number[] = [];
    this.raw.find(text, 0, text.length, first);
    const out: number[] = [];
    let previous = 0;
    for (let i = 0; i <= first.length; i += 2) {
      const end = i < first.length ? first[i]! : text.length;
      if (end > previous) this.normalized.find(text, previous, end, out);
      if (i < first.length) out.push(first[i]!, first[i + 1]!);
      previous = i < first.length ? first[i + 1]! : end;
    }
    return out;
  }
}
