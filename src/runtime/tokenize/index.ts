/** Token lengths in the policy's tokenizer (or code points with count: chars). See README.md. */
export {
  tokensThrough, tokensBetween, pieceLengths, codePointEndsToUtf16, codePointIndex, charEnds, codePointLength, measuredFromEnds, asMeasured,
  type TokenEnds, type Measured,
} from "./measure.ts";
export { resolveTokenizer, tokenizerJsonText, QWEN3_ONLY_FIRST_ID, type TokenizerSpec, type TokenizerIr, type BundledName } from "./files.ts";
export { loadMeter, TokenizerLoadError, type Meter, type BackendChoice } from "./meter.ts";
export { loadCachedMeter, type CachedMeter } from "./cached-meter.ts";
export { PieceMeter, type PieceCounts, type PieceMeterOptions, type ExactEnds } from "./piece-meter.ts";
export { SplitPlan, splitConfig, type SplitJson, type PieceBounds } from "./pre-tokenizer.ts";
export { tokenizerConfig, replaceMember } from "./config.ts";
