/**
 * A meter with the piece cache in front of the library, in one thread (the partition pool splits the two
 * across threads instead): what benchmarks and tests use to measure texts as the pool's workers do.
 */
import { measuredFromEnds } from "./measure.ts";
import { loadMeter, type BackendChoice, type Meter } from "./meter.ts";
import { tokenizerJsonText, type TokenizerSpec } from "./files.ts";
import { PieceMeter, type PieceMeterOptions } from "./piece-meter.ts";
import { SplitPlan, splitConfig } from "./pre-tokenizer.ts";

export interface CachedMeter {
  /** Measures through the cache (encode and measureMany go to the library). */
  meter: Meter;
  /** The library alone. */
  library: Meter;
  /** The cache, or null when the tokenizer's split is not replicated (then `meter` is the library). */
  pieces: PieceMeter | null;
  /** Why not, when `pieces` is null. */
  unsupported: string | null;
}

/** Loads the library a spec names and puts the piece cache in front of it where the split is replicated. */
export async function loadCachedMeter(spec: TokenizerSpec, choice: BackendChoice = "auto", options: PieceMeterOptions = {}): Promise<CachedMeter> {
  const library = await loadMeter(spec, choice);
  if (spec.kind === "chars") return { meter: library, library, pieces: null, unsupported: "it counts code points" };
  const config = splitConfig(tokenizerJsonText(spec));
  if ("unsupported" in config) return { meter: library, library, pieces: null, unsupported: config.unsupported };
  const pieces = new PieceMeter(SplitPlan.of(config) as SplitPlan, (texts) => library.measureMany(texts), options);
  const meter: Meter = {
    backend: library.backend,
    measure: (text) => pieces.measure(text),
    lengths: async (text) => measuredFromEnds(await pieces.measure(text)),
    encode: (text) => library.encode(text),
    measureMany: (texts) => Promise.all(texts.map((text) => pieces.measure(text))),
  };
  return { meter, library, pieces, unsupported: null };
}
