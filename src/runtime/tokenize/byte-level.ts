/**
 * Byte-level BPE (Qwen, Llama 3, DeepSeek): every vocabulary character stands for one byte, so a token's byte
 * length is its string's length and token ends follow from the ids alone. Both meters use this: the pure-JS
 * one always, the native one where it is cheaper than copying out the binding's offsets.
 */

export interface TokenizerJson {
  decoder?: { type?: string; decoders?: Array<{ type?: string }> } | null;
  normalizer?: { type?: string; normalizers?: Array<{ type?: string }> } | null;
  added_tokens?: Array<{ id: number; content: string }>;
}

export type NormalForm = "NFC" | "NFKC" | "NFD" | "NFKD";

/** Whether ids map to bytes: a ByteLevel decoder, and no normalizer beyond Unicode normalization. */
export function isByteLevel(json: TokenizerJson): boolean {
  const decoder = json.decoder;
  if (decoder == null) return false;
  const byteLevel = decoder.type === "ByteLevel" ||
    (decoder.type === "Sequence" && (decoder.decoders ?? []).some((d) => d.type === "ByteLevel"));
  const n = json.normalizer;
  const types = n == null ? [] : n.type === "Sequence" ? (n.normalizers ?? []).map((x) => x.type) : [n.type];
  return byteLevel && types.every((t) => t === "NFC" || t === "NFKC" || t === "NFD" || t === "NFKD");
}

/** The Unicode normalization the tokenizer applies first, if any. */
export function normalizationForm(json: TokenizerJson): NormalForm | null {
  const forms = ["NFC", "NFKC", "NFD", "NFKD"] as const;
  const types = [json.normalizer?.type, ...(json.normalizer?.normalizers ?? []).map((n) => n.type)];
  return forms.find((f) => types.includes(f)) ?? null;
}

/** Byte length of each id: a byte-level token's length in characters, an added token's UTF-8 length. */
export function byteLengthTable(tokenOf: (id: number) => string | null | undefined, json: TokenizerJson, size: number): (id: number) => number {
  const added = new Map<number, number>();
  for (const t of json.added_tokens ?? []) added.set(t.id, Buffer.byteLength(t.content, "utf8"));
  const cache = new Int32Array(Math.max(size, ...added.keys()) + 1).fill(-1);
  return (id) => {
    let n = cache[id]!;
    if (n < 0) n = cache[id] = added.get(id) ?? [...(tokenOf(id) ?? "")].length;
    return n;
  };
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
export function alignToOriginal(original: string, normalized: string, ends: Uint32Array, form: string): Uint32Array {
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
