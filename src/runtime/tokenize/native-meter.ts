/** The meter on Hugging Face's Rust binding: ids and offsets straight from the tokenizer. */
import { Tokenizer, type Encoding } from "tokenizers";
import { codePointEndsToUtf16, codePointIndex, hasAstral, tokensThrough, type Measured, type TokenEnds } from "./measure.ts";
import type { Meter } from "./meter.ts";

const OPTIONS = { addSpecialTokens: false };

/** Builds a native meter from tokenizer.json text; throws when the binding or the file does not load. */
export function loadNativeMeter(json: string): Meter {
  const tokenizer = Tokenizer.fromString(json);
  return {
    backend: "native",
    async measure(text) {
      return endsOf(text, await tokenizer.encode(text, null, OPTIONS));
    },
    async lengths(text) {
      return lazyMeasured(text, await tokenizer.encode(text, null, OPTIONS));
    },
    async encode(text) {
      const encoding = await tokenizer.encode(text, null, OPTIONS);
      return Int32Array.from(encoding.getIds());
    },
  };
}

/** Every token's end. The binding's offsets count code points of the original (unnormalized) text. */
function endsOf(text: string, encoding: Encoding): TokenEnds {
  const offsets = encoding.getOffsets();
  const ends = new Array<number>(offsets.length);
  for (let i = 0; i < offsets.length; i++) ends[i] = offsets[i]![1]!;
  return codePointEndsToUtf16(text, ends);
}

/**
 * Positions asked one by one: the token holding the character at an offset is the count of tokens ending
 * before it (a token never ends inside a character). Copying out every offset costs a third of the
 * encoding itself; a partition asks for a few hundred positions at most.
 */
function lazyMeasured(text: string, encoding: Encoding): Measured {
  const total = encoding.getLength();
  let ends: TokenEnds | null = null;
  let index: Uint32Array | null = null;
  const all = (): TokenEnds => (ends ??= endsOf(text, encoding));
  const astral = hasAstral(text);
  return {
    total,
    ends: all,
    through(offset) {
      if (ends !== null) return tokensThrough(ends, offset);
      if (offset >= text.length) return total;
      if (offset <= 0) return 0;
      const at = astral ? (index ??= codePointIndex(text))[offset]! : offset;
      return encoding.charToToken(at) ?? tokensThrough(all(), offset);
    },
  };
}
