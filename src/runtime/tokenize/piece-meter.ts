/**
 * Token ends through a cache keyed by pre-token piece. BPE tokenizes each piece of the pre-tokenizer's split
 * on its own (pre-tokenizer.ts), so a text's token ends are its pieces' token ends laid end to end; reasoning
 * text repeats its pieces (words, spaces, LaTeX commands) so heavily that most texts are measured with a
 * regular expression and Map lookups, and the library sees only pieces it has not seen before, all of a
 * text's at once. Texts the split cannot take (normalization would change them) go to the library whole.
 */
import type { TokenEnds } from "./measure.ts";
import type { Pieces, SplitPlan } from "./pre-tokenizer.ts";

/** The library's token ends of each text, measured on its own. */
export type ExactEnds = (texts: string[]) => Promise<TokenEnds[]>;

/** What the cache did: pieces looked up, found, sent to the library, and texts the library measured whole. */
export interface PieceCounts {
  pieces: number;
  hits: number;
  misses: number;
  wholeTexts: number;
}

/** A cached piece: 1 for one token (it ends where the piece ends), else its tokens' ends within the piece. */
type Entry = 1 | TokenEnds;

/** Pieces longer than this are measured every time rather than cached (they rarely repeat). */
const LONGEST_CACHED = 256;
/** V8 keeps a substring of 13 or more units as a view of its parent: a key must not pin a whole chain. */
const SLICE_MIN = 13;

/**
 * Least-recently-used in two generations: hits in the old generation move to the young one, and when the
 * young one is full it becomes the old one and the old one is dropped. At most 2 × capacity entries.
 */
class PieceCache {
  private young = new Map<string, Entry>();
  private old = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  get(key: string): Entry | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: string, entry: Entry): void {
    this.young.set(key, entry);
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}

export interface PieceMeterOptions {
  /** Entries per cache generation (default 65,536: a few MB). */
  capacity?: number;
}

export class PieceMeter {
  private readonly cache: PieceCache;
  private scratch: Uint32Array = new Uint32Array(1 << 14);
  readonly counts: PieceCounts = { pieces: 0, hits: 0, misses: 0, wholeTexts: 0 };

  constructor(
    private readonly plan: SplitPlan,
    private readonly exact: ExactEnds,
    options: PieceMeterOptions = {},
  ) {
    this.cache = new PieceCache(options.capacity ?? 1 << 16);
  }

  /** Where each token of the text ends: the same as the library's measure of the whole text. */
  async measure(text: string): Promise<TokenEnds> {
    const split = this.plan.split(text);
    if (split === null) {
      this.counts.wholeTexts++;
      return (await this.exact([text]))[0]!;
    }
    const entries = this.lookUp(split);
    const missing = missingPieces(split, entries);
    if (missing.length > 0) await this.learn(split, entries, missing);
    return this.assemble(split.pieces, entries);
  }

  /** Cached pieces currently held. */
  get size(): number {
    return this.cache.size;
  }

  /** Each piece's entry, undefined where the cache does not know it. */
  private lookUp({ pieces, added }: Pieces): Array<Entry | undefined> {
    const entries = new Array<Entry | undefined>(pieces.length);
    let nextAdded = 0;
    let hits = 0;
    for (let i = 0; i < pieces.length; i++) {
      if (nextAdded < added.length && added[nextAdded] === i) {
        entries[i] = 1;
        nextAdded++;
        hits++;
        continue;
      }
      const entry = this.cache.get(pieces[i]!);
      entries[i] = entry;
      if (entry !== undefined) hits++;
    }
    this.counts.pieces += pieces.length;
    this.counts.hits += hits;
    return entries;
  }

  /** Measures the unknown pieces with the library, caches them and fills their entries in. */
  private async learn(split: Pieces, entries: Array<Entry | undefined>, missing: string[]): Promise<void> {
    this.counts.misses += missing.length;
    const measured = await this.exact(missing);
    const learned = new Map<string, Entry>();
    for (let k = 0; k < missing.length; k++) {
      const piece = missing[k]!;
      const entry = toEntry(measured[k]!, piece.length);
      learned.set(piece, entry);
      if (piece.length <= LONGEST_CACHED) this.cache.set(piece.length >= SLICE_MIN ? copyOf(piece) : piece, entry);
    }
    for (let i = 0; i < entries.length; i++) entries[i] ??= learned.get(split.pieces[i]!)!;
  }

  private assemble(pieces: readonly string[], entries: ReadonlyArray<Entry | undefined>): TokenEnds {
    let out = this.scratch;
    let n = 0;
    let offset = 0;
    for (let i = 0; i < pieces.length; i++) {
      const entry = entries[i]!;
      if (out.length - n < (entry === 1 ? 1 : entry.length)) out = this.grow(n + (entry === 1 ? 1 : entry.length));
      if (entry === 1) out[n++] = offset + pieces[i]!.length;
      else for (let k = 0; k < entry.length; k++) out[n++] = offset + entry[k]!;
      offset += pieces[i]!.length;
    }
    return out.slice(0, n);
  }

  private grow(atLeast: number): Uint32Array {
    const bigger = new Uint32Array(Math.max(atLeast, this.scratch.length * 2));
    bigger.set(this.scratch);
    this.scratch = bigger;
    return bigger;
  }
}

/** The distinct pieces whose entries are missing, in order of first appearance. */
function missingPieces(split: Pieces, entries: ReadonlyArray<Entry | undefined>): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < entries.length; i++) if (entries[i] === undefined) seen.add(split.pieces[i]!);
  return [...seen];
}

function toEntry(ends: TokenEnds, length: number): Entry {
  if (ends.length === 1 && ends[0] === length) return 1;
  return ends;
}

/** A flat copy of a string (a substring may be a view that keeps its whole parent alive). */
function copyOf(s: string): string {
  return (" " + s).slice(1);
}
