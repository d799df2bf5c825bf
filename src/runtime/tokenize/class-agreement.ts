/**
 * Where V8's Unicode classes and Oniguruma's agree. The replicated patterns (split-patterns.ts) match with
 * V8's \p{L}, \p{N}, \p{M}, \p{P}, \p{S} and \p{White_Space}; the library matches with Oniguruma's, from an
 * older Unicode version (here Node has Unicode 17, the binding's Oniguruma 16: they differ on about 4,800
 * code points, letters and symbols added since). A text with a character the two classify differently must
 * be measured by the library. Oniguruma's classes are read from the binding by `npm run gen`
 * (onig-classes.generated.ts); V8's are whatever the running Node has, so the check holds on any version.
 */
import { LETTER, MARK, NUMBER, PUNCTUATION, SPACE, SYMBOL } from "./onig-classes.generated.ts";

/** Every class the patterns use, as [V8's, Oniguruma's]. */
const CLASSES: Array<[string, string]> = [
  [String.raw`\p{L}`, LETTER],
  [String.raw`\p{N}`, NUMBER],
  [String.raw`\p{M}`, MARK],
  [String.raw`\p{P}`, PUNCTUATION],
  [String.raw`\p{S}`, SYMBOL],
  [String.raw`\p{White_Space}`, SPACE],
];

/** The code points in one class and not the other, for any class (the v flag computes the sets once). */
function disagreementClass(): RegExp {
  const parts = CLASSES.map(([v8, onig]) => `[${v8}--[${onig}]][[${onig}]--${v8}]`);
  return new RegExp(`^[${parts.join("")}]$`, "v");
}

const NON_ASCII = /[^\x00-\x7f]+/g;
const UNKNOWN = 0;
const SAME = 1;
const DIFFERENT = 2;

/**
 * Answers per code point, remembered: ASCII is classified alike by every Unicode version (checked once
 * here all the same), and text holds few distinct characters beyond it.
 */
export class ClassAgreement {
  private readonly verdicts = new Uint8Array(0x110000);
  private readonly differs = disagreementClass();

  constructor() {
    for (let c = 0; c < 0x80; c++) {
      if (this.differs.test(String.fromCharCode(c))) throw new Error(`V8 and Oniguruma classify U+${c.toString(16)} differently`);
    }
  }

  /** Whether V8 and Oniguruma put every character of the text in the same classes. */
  agrees(text: string): boolean {
    NON_ASCII.lastIndex = 0;
    for (let run = NON_ASCII.exec(text); run !== null; run = NON_ASCII.exec(text)) {
      const end = run.index + run[0].length;
      for (let at = run.index; at < end; ) {
        const c = text.codePointAt(at)!;
        if (!this.same(c)) return false;
        at += c > 0xffff ? 2 : 1;
      }
    }
    return true;
  }

  private same(c: number): boolean {
    let verdict = this.verdicts[c]!;
    if (verdict === UNKNOWN) verdict = this.verdicts[c] = this.differs.test(String.fromCodePoint(c)) ? DIFFERENT : SAME;
    return verdict === SAME;
  }
}
