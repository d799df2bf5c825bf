/**
 * A meter measures texts in the policy's tokenizer: the ids and where each token ends. Backends: Hugging
 * Face's Rust binding (`tokenizers`) where it loads, else the pure-JS @lenml/tokenizers (same ids, tested),
 * else nothing; `count: chars` needs no tokenizer at all.
 */
import { charEnds, measuredFromEnds, type Measured, type TokenEnds } from "./measure.ts";
import { tokenizerJsonText, type TokenizerSpec } from "./files.ts";

export interface Meter {
  /** "native" (Hugging Face's Rust binding), "js" (@lenml/tokenizers) or "chars". */
  readonly backend: "native" | "js" | "chars";
  /** Where each token of the text ends (UTF-16 offsets); every code point with count: chars. */
  measure(text: string): Promise<TokenEnds>;
  /** The text measured for position queries (cheaper than `measure` when few positions are asked). */
  lengths(text: string): Promise<Measured>;
  /** Token ids without special tokens added (code points with count: chars). */
  encode(text: string): Promise<Int32Array>;
  /** `measure` of each text, each on its own, in one call to the library (many short texts: pieces). */
  measureMany(texts: readonly string[]): Promise<TokenEnds[]>;
}

/** Why a tokenizer could not be loaded; the stage turns it into a diagnostic. */
export class TokenizerLoadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot load tokenizer ${path}: ${reason}`);
    this.name = "TokenizerLoadError";
  }
}

export type BackendChoice = "auto" | "native" | "js";

/** Loads the meter a spec names; `auto` tries the Rust binding first. Throws TokenizerLoadError. */
export async function loadMeter(spec: TokenizerSpec, choice: BackendChoice = "auto"): Promise<Meter> {
  if (spec.kind === "chars") return charMeter;
  let json: string;
  try {
    json = tokenizerJsonText(spec);
  } catch (error) {
    throw new TokenizerLoadError(spec.label, (error as Error).message);
  }
  if (choice !== "js") {
    const native = await loadNative(json, spec.variant === null ? spec.path : undefined).catch((error: Error) => error);
    if (!(native instanceof Error)) return native;
    if (choice === "native") throw new TokenizerLoadError(spec.label, native.message);
  }
  const { loadJsMeter } = await import("./js-meter.ts");
  return loadJsMeter(spec, json);
}

const charMeter: Meter = {
  backend: "chars",
  measure: async (text) => charEnds(text),
  lengths: async (text) => measuredFromEnds(charEnds(text)),
  encode: async (text) => Int32Array.from(Array.from(text, (c) => c.codePointAt(0)!)),
  measureMany: async (texts) => texts.map(charEnds),
};

async function loadNative(json: string, path: string | undefined): Promise<Meter> {
  const { loadNativeMeter } = await import("./native-meter.ts");
  return loadNativeMeter(json, path);
}
