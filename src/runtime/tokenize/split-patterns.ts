/**
 * The pre-tokenizer regular expressions hintc replicates, each as the library writes it (Oniguruma, in
 * tokenizer.json) and as a JavaScript RegExp (flags gu) that cuts text the same way. The JavaScript side
 * uses V8's own \p{…} classes, which V8 matches several times faster than the same classes spelled out as
 * ranges; V8's Unicode version differs from Oniguruma's, so a text holding a character the two classify
 * differently is left to the library (class-agreement.ts). A pattern not listed here is not replicated.
 */

/** (?i:'s|'t|'re|'ve|'m|'ll|'d) in Oniguruma: ASCII case, and ſ (U+017F) folds to s (tested). */
const CONTRACTIONS = String.raw`'(?:[sS\u{17f}]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])`;
/** Oniguruma's \s is Unicode's White_Space; JavaScript's \s is not (it adds U+FEFF and lacks U+0085). */
const S = String.raw`\p{White_Space}`;
/** Runs of white space, the last space left to the next word when one follows: \s+(?!\S)|\s+ */
const WHITE_RUNS = String.raw`[${S}]+(?![^${S}])|[${S}]+`;
/** The tail the Qwen2, Llama 3 and DeepSeek patterns share: newlines with the white space before them. */
const SPACES = String.raw`[${S}]*[\r\n]+|${WHITE_RUNS}`;

/** Oniguruma source → JavaScript source. */
const PATTERNS = new Map<string, string>([
  [
    // Qwen2 / Qwen2.5 / Qwen3 (and the R1 distills of Qwen): single digits.
    String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    String.raw`${CONTRACTIONS}|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^${S}\p{L}\p{N}]+[\r\n]*|${SPACES}`,
  ],
  [
    // Llama 3 (and DeepSeek-R1-Distill-Llama): digits in threes.
    String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    String.raw`${CONTRACTIONS}|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^${S}\p{L}\p{N}]+[\r\n]*|${SPACES}`,
  ],
  // DeepSeek-V3 / R1: three splits in a row (the file spells CR, LF and the kana and CJK ranges literally).
  [String.raw`\p{N}{1,3}`, String.raw`\p{N}{1,3}`],
  ["[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+", String.raw`[\u{4e00}-\u{9fa5}\u{3040}-\u{309f}\u{30a0}-\u{30ff}]+`],
  [
    "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
    String.raw`[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_${"`"}{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|${SPACES}`,
  ],
]);

/** GPT-2's pattern, which a ByteLevel pre-tokenizer with use_regex applies. */
export const BYTE_LEVEL_REGEX = String.raw`'(?:s|t|re|ve|m|ll|d)| ?\p{L}+| ?\p{N}+| ?[^${S}\p{L}\p{N}]+|${WHITE_RUNS}`;

/** The JavaScript RegExp source for an Oniguruma pattern hintc replicates, or null. */
export function replicatedPattern(onig: string): string | null {
  return PATTERNS.get(onig) ?? null;
}
