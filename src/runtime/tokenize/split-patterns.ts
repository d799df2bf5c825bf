/**
 * The pre-tokenizer patterns hintc replicates, each as the library writes it (Oniguruma, in tokenizer.json)
 * and how hintc cuts text the same way: the Qwen2 and Llama 3 pattern with a hand-written scanner over
 * Oniguruma's own classes (word-scanner.ts), the others with a JavaScript RegExp (flags gu). The RegExps
 * use V8's \p{…} classes, which V8 matches several times faster than the same classes spelled out as
 * ranges; V8's Unicode version differs from Oniguruma's, so a text holding a character the two classify
 * differently is left to the library (class-agreement.ts). A pattern not listed here is not replicated.
 */

/** How hintc cuts by a pattern: a JavaScript regular expression, or the word scanner with D digits at most. */
export type Stage = { regex: string } | { words: number };

/** Oniguruma's \s is Unicode's White_Space; JavaScript's \s is not (it adds U+FEFF and lacks U+0085). */
const S = String.raw`\p{White_Space}`;
/** Runs of white space, the last space left to the next word when one follows: \s+(?!\S)|\s+ */
const WHITE_RUNS = String.raw`[${S}]+(?![^${S}])|[${S}]+`;

/** The Qwen2 (D = 1) and Llama 3 (D = 3) pattern. */
const wordPattern = (digits: string): string =>
  String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}${digits}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

/** Oniguruma source → how hintc cuts the same way. */
const PATTERNS = new Map<string, Stage>([
  // Qwen2 / Qwen2.5 / Qwen3 (and the R1 distills of Qwen): single digits.
  [wordPattern(""), { words: 1 }],
  // Llama 3 (and DeepSeek-R1-Distill-Llama): digits in threes.
  [wordPattern("{1,3}"), { words: 3 }],
  // DeepSeek-V3 / R1: three splits in a row (the file spells CR, LF and the kana and CJK ranges literally).
  [String.raw`\p{N}{1,3}`, { regex: String.raw`\p{N}{1,3}` }],
  ["[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+", { regex: String.raw`[\u{4e00}-\u{9fa5}\u{3040}-\u{309f}\u{30a0}-\u{30ff}]+` }],
  [
    "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
    {
      regex: String.raw`[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_${"`"}{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|[${S}]*[\r\n]+|${WHITE_RUNS}`,
    },
  ],
]);

/** GPT-2's pattern, which a ByteLevel pre-tokenizer with use_regex applies. */
export const BYTE_LEVEL: Stage = { regex: String.raw`'(?:s|t|re|ve|m|ll|d)| ?\p{L}+| ?\p{N}+| ?[^${S}\p{L}\p{N}]+|${WHITE_RUNS}` };

/** How hintc cuts by an Oniguruma pattern it replicates, or null. */
export function replicatedPattern(onig: string): Stage | null {
  return PATTERNS.get(onig) ?? null;
}
