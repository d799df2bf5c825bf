/** The meter on Hugging Face's Rust binding: ids and offsets straight from the tokenizer. */
import { Tokenizer, type Encoding } from "tokenizers";
import { codePointEndsToUtf16, codePointIndex, hasAstral, tokensThrough, type Measured, type TokenEnds } from "./measure.ts";
import type { Meter } from "./meter.ts";
import { byteLengthTable, bytesToUtf16Ends, isByteLevel, normalizationForm, type TokenizerJson } from "./byte-level.ts";
import { tokenizerConfig } from "./config.ts";

const OPTIONS = { addSpecialTokens: false };

/**
 * Builds a native meter from tokenizer.json text (or, when `path` is given, the same text's file, which
 * the binding reads without a copy of the text crossing from JavaScript); throws when the binding or the
 * file does not load.
 */
export function loadNativeMeter(json: string, path?: string): Meter {
  const tokenizer = path === undefined ? Tokenizer.fromString(json) : Tokenizer.fromFile(path);
  const endsOf = endsFinder(tokenizer, tokenizerConfig(json));
  return {
    backend: "native",
    async measure(text) {
      return endsOf(text, await tokenizer.encode(text, null, OPTIONS));
    },
    async lengths(text) {
      return lazyMeasured(text, await tokenizer.encode(text, null, OPTIONS), endsOf);
    },
    async encode(text) {
      const encoding = await tokenizer.encode(text, null, OPTIONS);
      return Int32Array.from(encoding.getIds());
    },
    async measureMany(texts) {
      if (texts.length === 1) return [endsOf(texts[0]!, await tokenizer.encode(texts[0]!, null, OPTIONS))];
      const encodings = await tokenizer.encodeBatch(texts as string[], OPTIONS);
      return encodings.map((encoding, i) => endsOf(texts[i]!, encoding));
    },
  };
}

type EndsOf = (text: string, encoding: Encoding) => TokenEnds;

/**
 * Every token's end. For byte-level tokenizers, from the ids' byte lengths when normalization leaves the
 * text as it is (a quarter of the cost of copying out the offsets); else from the binding's offsets.
 */
function endsFinder(tokenizer: Tokenizer, json: TokenizerJson): EndsOf {
  if (!isByteLevel(json)) return offsetEnds;
  const byteLength = byteLengthTable((id) => tokenizer.idToToken(id), json, tokenizer.getVocabSize(true));
  const form = normalizationForm(json);
  return (text, encoding) => {
    if (form !== null && text.normalize(form) !== text) return offsetEnds(text, encoding);
    return bytesToUtf16Ends(text, encoding.getIds().map(byteLength));
  };
}

/** Every token's end from the binding's offsets, which count code points of the original text. */
function offsetEnds(text: string, encoding: Encoding): TokenEnds {
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
function lazyMeasured(text: string, encoding: Encoding, endsOf: EndsOf): Measured {
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
