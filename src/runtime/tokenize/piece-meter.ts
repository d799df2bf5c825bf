/**
 * Token ends through a cache keyed by pre-token piece. BPE tokenizes each piece of the pre-tokenizer's split
 * on its own (pre-tokenizer.ts), so a text's token ends are its pieces' token ends laid end to end; reasoning
 * text repeats its pieces (words, spaces, LaTeX commands) so heavily that most texts are measured with a
 * scan and table lookups, and the library sees only pieces it has not seen before, all of a text's at
 * once. Texts the split cannot take (normalization would change them) go to the library whole.
 */
import type { TokenEnds } from "./measure.ts";
import { PieceTable, type Entry } from "./piece-table.ts";
import type { PieceBounds, SplitPlan } from "./pre-tokenizer.ts";

/** The library's token ends of each text, measured on its own. */
export type ExactEnds = (texts: string[]) => Promise<TokenEnds[]>;

/** What the cache did: pieces looked up, found, sent to the library, and texts the library measured whole. */
export interface PieceCounts {
  pieces: number;
  hits: number;
  misses: number;
  wholeTexts: number;
}

export interface PieceMeterOptions {
  /** Pieces per cache generation (default 65,536: a few MB; at most twice as many are held). */
  capacity?: number;
}

/** Pieces longer than this are measured every time rather than cached (they rarely repeat). */
const LONGEST_CACHED = 256;

export class PieceMeter {
  private readonly table: PieceTable;
  private scratch: Uint32Array = new Uint32Array(1 << 14);
  readonly counts: PieceCounts = { pieces: 0, hits: 0, misses: 0, wholeTexts: 0 };

  constructor(
    private readonly plan: SplitPlan,
    private readonly exact: ExactEnds,
    options: PieceMeterOptions = {},
  ) {
    this.table = new PieceTable(options.capacity ?? 1 << 16);
  }

  /** Where each token of the text ends: the same as the library's measure of the whole text. */
  async measure(text: string): Promise<TokenEnds> {
    const bounds = this.plan.split(text);
    if (bounds === null) {
      this.counts.wholeTexts++;
      return (await this.exact([text]))[0]!;
    }
    this.counts.pieces += bounds.count;
    const ends = this.fromCache(text, bounds);
    if (ends !== null) {
      this.counts.hits += bounds.count;
      return ends;
    }
    const entries = this.entriesOf(text, bounds);
    await this.learn(text, bounds, entries);
    return this.laidOut(bounds, entries);
  }

  /** Pieces currently cached. */
  get size(): number {
    return this.table.size;
  }

  /** The text's token ends when the cache holds every piece, else null (at the first piece it lacks). */
  private fromCache(text: string, { ends, count, added }: PieceBounds): TokenEnds | null {
    let out = this.scratch;
    let n = 0;
    let nextAdded = added.length > 0 ? added[0]! : -1;
    let a = 0;
    for (let i = 0, start = 0; i < count; start = ends[i]!, i++) {
      const end = ends[i]!;
      let entry: Entry | undefined = 1;
      if (i === nextAdded) nextAdded = ++a < added.length ? added[a]! : -1;
      else entry = this.table.get(text, start, end);
      if (entry === undefined) return null;
      if (entry === 1) {
        if (n === out.length) out = this.grow(n + 1);
        out[n++] = end;
      } else {
        if (out.length - n < entry.length) out = this.grow(n + entry.length);
        for (let k = 0; k < entry.length; k++) out[n++] = start + entry[k]!;
      }
    }
    return out.slice(0, n);
  }

  /** Each piece's entry, undefined where the cache lacks it. */
  private entriesOf(text: string, { ends, count, added }: PieceBounds): Array<Entry | undefined> {
    const entries = new Array<Entry | undefined>(count);
    for (const i of added) entries[i] = 1;
    let hits = added.length;
    for (let i = 0, start = 0; i < count; start = ends[i]!, i++) {
      if (entries[i] !== undefined) continue;
      const entry = this.table.get(text, start, ends[i]!);
      entries[i] = entry;
      if (entry !== undefined) hits++;
    }
    this.counts.hits += hits;
    return entries;
  }

  /** Measures the pieces the cache lacks with the library (each once), caches them and fills them in. */
  private async learn(text: string, { ends }: PieceBounds, entries: Array<Entry | undefined>): Promise<void> {
    const missing = new Map<string, Entry | null>();
    for (let i = 0; i < entries.length; i++) if (entries[i] === undefined) missing.set(text.slice(i === 0 ? 0 : ends[i - 1], ends[i]), null);
    const pieces = [...missing.keys()];
    this.counts.misses += pieces.length;
    const measured = await this.exact(pieces);
    pieces.forEach((piece, k) => {
      const entry = toEntry(measured[k]!, piece.length);
      missing.set(piece, entry);
      if (piece.length <= LONGEST_CACHED) this.table.set(copyOf(piece), entry);
    });
    for (let i = 0; i < entries.length; i++) entries[i] ??= missing.get(text.slice(i === 0 ? 0 : ends[i - 1], ends[i]))!;
  }

  /** Token ends from every piece's entry. */
  private laidOut({ ends }: PieceBounds, entries: ReadonlyArray<Entry | undefined>): TokenEnds {
    const out: number[] = [];
    for (let i = 0, start = 0; i < entries.length; start = ends[i]!, i++) {
      const entry = entries[i]!;
      if (entry === 1) out.push(ends[i]!);
      else for (const e of entry) out.push(start + e);
    }
    return Uint32Array.from(out);
  }

  private grow(atLeast: number): Uint32Array {
    const bigger = new Uint32Array(Math.max(atLeast, this.scratch.length * 2));
    bigger.set(this.scratch);
    this.scratch = bigger;
    return bigger;
  }
}

function toEntry(ends: TokenEnds, length: number): Entry {
  return ends.length === 1 && ends[0] === length ? 1 : ends;
}

/**
 * A flat copy of a string: V8 keeps a substring of 13 or more units as a view of its parent, and a cached
 * key must not keep a whole chain alive.
 */
function copyOf(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}
