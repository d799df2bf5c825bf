/** Token lengths in the policy's tokenizer (or code points with count: chars). See README.md. */
export {
  tokensThrough, tokensBetween, pieceLengths, codePointEndsToUtf16, codePointIndex, charEnds, codePointLength, measuredFromEnds, asMeasured,
  type TokenEnds, type Measured,
} from "./measure.ts";
export { resolveTokenizer, tokenizerJsonText, QWEN3_ONLY_FIRST_ID, type TokenizerSpec, type TokenizerIr, type BundledName } from "./files.ts";
export { loadMeter, TokenizerLoadError, type Meter, type BackendChoice } from "./meter.ts";
