/**
 * The Unicode classes of Hugging Face tokenizers' regular expressions (Oniguruma, inside the `tokenizers`
 * binding) → src/runtime/tokenize/onig-classes.generated.ts.
 *
 * The fast pre-tokenizer (src/runtime/tokenize/pre-tokenizer.ts) must split text exactly where the library
 * does. V8's \p{…} follows the ICU that Node ships (Unicode 17 here), Oniguruma its own tables (an older
 * Unicode), and the two disagree on thousands of code points. So the classes are read from the library
 * itself: a Split pre-tokenizer with the class as its pattern and behavior Removed, run over every code
 * point, leaves exactly the code points outside the class. The result depends only on the pinned binding.
 */
import { createRequire } from "node:module";
import type { GeneratedFile } from "./generators.ts";
import { DO_NOT_EDIT } from "./gen-ir-types.ts";

const CLASSES: Array<[name: string, pattern: string, doc: string]> = [
  ["LETTER", "\\p{L}", "\\p{L}: letters"],
  ["NUMBER", "\\p{N}", "\\p{N}: numbers"],
  ["MARK", "\\p{M}", "\\p{M}: combining marks"],
  ["PUNCTUATION", "\\p{P}", "\\p{P}: punctuation"],
  ["SYMBOL", "\\p{S}", "\\p{S}: symbols"],
  ["SPACE", "\\s", "\\s: white space"],
];

export async function generateOnigClasses(_root: string): Promise<GeneratedFile[]> {
  const lines = [
    `/* ${DO_NOT_EDIT} Made by scripts/gen-onig-classes.ts (\`npm run gen\`) from the tokenizers binding's Oniguruma. */`,
    "/** Character-class bodies (code point ranges, for a RegExp with the u flag) of Oniguruma's Unicode classes. */",
  ];
  for (const [name, pattern, doc] of CLASSES) {
    lines.push(`/** Oniguruma's ${doc}. */`);
    lines.push(`export const ${name} =\n${wrap(classBody(members(pattern)))};`);
  }
  return [{ path: "src/runtime/tokenize/onig-classes.generated.ts", text: lines.join("\n") + "\n" }];
}

/** Every code point (surrogates excluded), in chunks the binding takes comfortably. */
function* codePointChunks(size: number): Generator<number[]> {
  let chunk: number[] = [];
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    chunk.push(c);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Which code points Oniguruma's `pattern` matches, as the library's Split pre-tokenizer applies it. */
export function members(pattern: string): Uint8Array {
  const { Tokenizer } = createRequire(import.meta.url)("tokenizers") as typeof import("tokenizers");
  const json = {
    version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null,
    pre_tokenizer: { type: "Split", pattern: { Regex: pattern }, behavior: "Removed", invert: false },
    post_processor: null, decoder: null, model: { type: "WordLevel", vocab: { "[UNK]": 0 }, unk_token: "[UNK]" },
  };
  const splitter = Tokenizer.fromString(JSON.stringify(json)).getPreTokenizer()!;
  const inside = new Uint8Array(0x110000);
  for (const chunk of codePointChunks(50_000)) {
    for (const c of chunk) inside[c] = 1;
    // What is left after removing the matches are runs of non-members; offsets count code points.
    for (const [, [start, end]] of splitter.preTokenizeString(String.fromCodePoint(...chunk))) {
      for (let k = start; k < end; k++) inside[chunk[k]!] = 0;
    }
  }
  return inside;
}

/** A long string literal as lines of at most about 110 characters joined with +. */
function wrap(body: string): string {
  const lines: string[] = [];
  for (let at = 0; at < body.length; ) {
    let end = Math.min(body.length, at + 100);
    while (end < body.length && body[end] !== "\\") end++; // never split an escape
    lines.push(`  ${JSON.stringify(body.slice(at, end))}`);
    at = end;
  }
  return lines.join(" +\n");
}

/** Ranges of members as a character-class body: \u{41}-\u{5a}\u{61}… */
function classBody(inside: Uint8Array): string {
  const parts: string[] = [];
  for (let c = 0; c < inside.length; c++) {
    if (!inside[c]) continue;
    let end = c;
    while (end + 1 < inside.length && inside[end + 1]) end++;
    const hex = (n: number) => `\\u{${n.toString(16)}}`;
    parts.push(end === c ? hex(c) : end === c + 1 ? hex(c) + hex(end) : `${hex(c)}-${hex(end)}`);
    c = end;
  }
  return parts.join("");
}
