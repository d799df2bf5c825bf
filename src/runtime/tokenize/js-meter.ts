/**
 * The pure-JS meter (@lenml/tokenizers) for machines where the Rust binding does not load. It gives the
 * same ids; token ends come from each token's byte length (byte-level BPE: one vocabulary character per
 * byte), mapped back onto the text. Only byte-level tokenizers (Qwen, Llama 3, DeepSeek) are supported.
 */
import { TokenizerLoader, type tokenizers } from "@lenml/tokenizers";
import { TokenizerLoadError, type Meter } from "./meter.ts";
import { measuredFromEnds } from "./measure.ts";
import { tokenizerConfigJson, type TokenizerSpec } from "./files.ts";
import { alignToOriginal, byteLengthTable, bytesToUtf16Ends, isByteLevel, normalizationForm, type NormalForm, type TokenizerJson } from "./byte-level.ts";

type FileSpec = Extract<TokenizerSpec, { kind: "file" }>;

/** Builds the pure-JS meter; throws TokenizerLoadError for tokenizers that are not byte-level. */
export function loadJsMeter(spec: FileSpec, jsonText: string): Meter {
  const json = JSON.parse(jsonText) as TokenizerJson;
  if (!isByteLevel(json)) {
    throw new TokenizerLoadError(spec.label, "the pure-JS fallback handles byte-level BPE (with at most Unicode normalization) only, and the Rust binding did not load");
  }
  const tokenizer: tokenizers.PreTrainedTokenizer = TokenizerLoader.fromPreTrained({
    tokenizerJSON: json as never,
    tokenizerConfig: tokenizerConfigJson(spec) as never,
  });
  const vocab = tokenizer.model.vocab;
  const byteLengths = byteLengthTable((id) => vocab[id], json, vocab.length);
  const form = normalizationForm(json);
  const encode = (text: string): number[] => tokenizer.encode(text, { add_special_tokens: false });
  return {
    backend: "js",
    measure: async (text) => measureByBytes(text, encode, byteLengths, form),
    lengths: async (text) => measuredFromEnds(measureByBytes(text, encode, byteLengths, form)),
    encode: async (text) => Int32Array.from(encode(text)),
    measureMany: async (texts) => texts.map((text) => measureByBytes(text, encode, byteLengths, form)),
  };
}

function measureByBytes(
  text: string,
  encode: (text: string) => number[],
  byteLength: (id: number) => number,
  form: NormalForm | null,
): Uint32Array {
  const normalized = form === null ? text : text.normalize(form);
  const ids = encode(text);
  const ends = bytesToUtf16Ends(normalized, ids.map(byteLength));
  return normalized === text ? ends : alignToOriginal(text, normalized, ends, form!);
}
