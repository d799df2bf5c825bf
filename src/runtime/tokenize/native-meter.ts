/** The meter on Hugging Face's Rust binding: ids and offsets straight from the tokenizer. */
import { Tokenizer } from "tokenizers";
import { codePointEndsToUtf16 } from "./measure.ts";
import type { Meter } from "./meter.ts";

const OPTIONS = { addSpecialTokens: false };

/** Builds a native meter from tokenizer.json text; throws when the binding or the file does not load. */
export function loadNativeMeter(json: string): Meter {
  const tokenizer = Tokenizer.fromString(json);
  return {
    backend: "native",
    async measure(text) {
      const encoding = await tokenizer.encode(text, null, OPTIONS);
      // The binding's offsets count Unicode code points of the original (unnormalized) text.
      const offsets = encoding.getOffsets();
      const ends = new Array<number>(offsets.length);
      for (let i = 0; i < offsets.length; i++) ends[i] = offsets[i]![1]!;
      return codePointEndsToUtf16(text, ends);
    },
    async encode(text) {
      const encoding = await tokenizer.encode(text, null, OPTIONS);
      return Int32Array.from(encoding.getIds());
    },
  };
}
