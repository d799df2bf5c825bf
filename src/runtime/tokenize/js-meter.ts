/**
 * The pure-JS meter (@lenml/tokenizers) for machines where the Rust binding does not load. It gives the
 * same ids; token ends come from each token's byte length (byte-level BPE: one vocabulary character per
 * byte), mapped back onto the text. Only byte-level tokenizers (Qwen, Llama 3, DeepSeek) are supported.
 */
import { TokenizerLoader, type tokenizers } from "@lenml/tokenizers";
import { TokenizerLoadError, type Meter } from "./meter.ts";
import { measuredFromEnds } from "./measure.ts";
import { tokenizerConfigJson, type TokenizerSpec } from "./files.ts";

type FileSpec = Extract<TokenizerSpec, { kind: "file" }>;
interface TokenizerJson {
  decoder?: { type?: string; decoders?: Array<{ type?: string }> } | null;
  normalizer?: { type?: string; normalizers?: Array<{ type?: string }> } | null;
  added_tokens?: Array<{ id: number; content: string }>;
}

/** Builds the pure-JS meter; throws TokenizerLoadError for tokenizers that are not byte-level. */
export function loadJsMeter(spec: FileSpec, jsonText: string): Meter {
  const json = JSON.parse(jsonText) as TokenizerJson;
  if (!isByteLevel(json)) {
    throw new TokenizerLoadError(spec.label, "the pure-JS fallback handles byte-level BPE only and the Rust binding did not load");
  }
  const tokenizer: tokenizers.PreTrainedTokenizer = TokenizerLoader.fromPreTrained({
    tokenizerJSON: json as never,
    tokenizerConfig: tokenizerConfigJson(spec) as never,
  });
  const byteLengths = byteLengthTable(tokenizer, json);
  const form = normalizationForm(json);
  const encode = (text: string): number[] => tokenizer.encode(text, { add_special_tokens: false });
  return {
    backend: "js",
    measure: async (text) => measureByBytes(text, encode, byteLengths, form),
    lengths: async (text) => measuredFromEnds(measureByBytes(text, encode, byteLengths, form)),
    encode: async (text) => Int32Array.from(encode(text)),
  };
}

function isByteLevel(json: TokenizerJson): boolean {
  const decoder = json.decoder;
  if (decoder == null) return false;
  if (decoder.type === "ByteLevel") return true;
  return decoder.type === "Sequence" && (decoder.decoders ?? []).some((d) => d.type === "ByteLevel");
}

function normalizationForm(json: TokenizerJson): "NFC" | "NFKC" | "NFD" | "NFKD" | null {
  const forms = ["NFC", "NFKC", "NFD", "NFKD"] as const;
  const types = [json.normalizer?.type, ...(json.normalizer?.normalizers ?? []).map((n) => n.type)];
  return forms.find((f) => types.includes(f)) ?? null;
}

/** Byte length of each id: a byte-level token's length in characters, an added token's UTF-8 length. */
function byteLengthTable(tokenizer: tokenizers.PreTrainedTokenizer, json: TokenizerJson): (id: number) => number {
  const added = new Map<number, number>();
  for (const t of json.added_tokens ?? []) added.set(t.id, Buffer.byteLength(t.content, "utf8"));
  const vocab = tokenizer.model.vocab;
  const cache = new Int32Array(Math.max(vocab.length, ...added.keys()) + 1).fill(-1);
  return (id) => {
    let n = cache[id]!;
    if (n < 0) n = cache[id] = added.get(id) ?? [...(vocab[id] ?? "")].length;
    return n;
  };
}

function measureByBytes(
  text: string,
  encode: (text: string) => number[],
  byteLength: (id: number) => number,
  form: ReturnType<typeof normalizationForm>,
): Uint32Array {
  const normalized = form === null ? text : text.normalize(form);
  const ids = encode(text);
  const ends = bytesToUtf16Ends(normalized, ids.map(byteLength));
  return normalized === text ? ends : alignToOriginal(text, normalized, ends, form!);
}

/** Maps cumulative UTF-8 byte ends onto UTF-16 offsets; a token ending inside a character ends after it. */
export function bytesToUtf16Ends(text: string, tokenBytes: readonly number[]): Uint32Array {
  const out = new Uint32Array(tokenBytes.length);
  let byte = 0;
  let unit = 0;
  let target = 0;
  for (let i = 0; i < tokenBytes.length; i++) {
    target += tokenBytes[i]!;
    while (byte < target && unit < text.length) {
      const c = text.charCodeAt(unit);
      if (c < 0x80) (byte += 1), (unit += 1);
      else if (c < 0x800) (byte += 2), (unit += 1);
      else if (c >= 0xd800 && c <= 0xdbff) (byte += 4), (unit += 2);
      else (byte += 3), (unit += 1);
    }
    out[i] = unit;
  }
  return out;
}

/**
 * Offsets into the normalized text back onto the original: both are cut into chunks that start at each
 * code point that is not a combining mark, normalized chunk by chunk; an offset inside a chunk moves to its end.
 */
function alignToOriginal(original: string, normalized: string, ends: Uint32Array, form: string): Uint32Array {
  const chunks = original.match(/[^\p{M}]\p{M}*|\p{M}+/gu) ?? [];
  const normStarts: number[] = [];
  const origStarts: number[] = [];
  let n = 0;
  let o = 0;
  for (const chunk of chunks) {
    normStarts.push(n);
    origStarts.push(o);
    n += chunk.normalize(form).length;
    o += chunk.length;
  }
  normStarts.push(n);
  origStarts.push(o);
  if (n !== normalized.length) throw new Error("chunk-wise normalization disagrees with whole-text normalization");
  return ends.map((end) => origStarts[firstAtOrAfter(normStarts, end)]!);
}

function firstAtOrAfter(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
