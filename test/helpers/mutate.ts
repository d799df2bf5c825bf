/**
 * Mutated specs for fuzzing: valid specs (every spec in specs/, examples/, test/golden/ and grammar/corpus/
 * that is not a bad one, and every ```hint block of specs/language.md) with text, tokens, lines and bytes
 * deleted, inserted and swapped at random. Seeded, so a failing case can be replayed. Used by the fuzz test
 * and by the fast parser's differential test, which read the same cases.
 */
import { readFileSync } from "node:fs";
import { FRAGMENT_SOURCE, hintBlocks } from "./doc-blocks.ts";
import { filesUnder, ROOT } from "./files.ts";

/** The fuzz test's seed and number of cases (HINTC_FUZZ_SEED, HINTC_FUZZ_CASES). */
export const FUZZ_SEED = Number(process.env["HINTC_FUZZ_SEED"] ?? 20_251_129);
export const FUZZ_CASES = Number(process.env["HINTC_FUZZ_CASES"] ?? 10_000);

/** The valid specs the mutations start from. */
export const seeds = [
  ...[...filesUnder("specs"), ...filesUnder("examples"), ...filesUnder("test/golden"), ...filesUnder("grammar/corpus")]
    .filter((f) => !f.includes("/bad/"))
    .map((f) => readFileSync(ROOT + f, "utf8")),
  ...hintBlocks(readFileSync(ROOT + "specs/language.md", "utf8")).map((b) => (b.fragment ? b.code + FRAGMENT_SOURCE : b.code)),
];

const TOKENS = ["{", "}", "[", "]", "(", ")", ":", ",", ".", "..", '"', '"""', "#", "=", "==", "not", "and", "in", "null", "true",
  "1/0", "99%", "150%", "30s", "1.5ms", "-1", "0", "1e999", "4x", "1__0", 'env("X")', 'extract(x)', "all", "\\", "\\u{", "\n", "  ",
  "source s {", "levels {", "partition adaptive {", "steps: 4", "hints: [1, 2, 9]", "api_key: \"sk-x\"", "from: nowhere", "@", "é", "😀", "\u00a0"];
const WORDS = ["source", "generate", "levels", "partition", "template", "reward", "split", "output", "train", "eval", "scorer", "model",
  "schedule", "verify", "check", "tokenizer", "steps", "hints", "file", "chain", "answer", "problem", "from", "adaptive", "regex", "math",
  "numeric", "qwen", "raw", "static", "anneal", "builtin", "hf", "endpoint", "engine", "chars", "pattern", "where", "limit", "name", "seed"];

type Mutator = (text: string, r: () => number) => string;
const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)]!;
const at = (text: string, r: () => number) => Math.floor(r() * (text.length + 1));

const mutators: Mutator[] = [
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 20));
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(TOKENS, r) + t.slice(i);
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + String.fromCharCode(Math.floor(r() * 128)) + t.slice(i);
  },
  (t, r) => t.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (w) => (r() < 0.05 ? pick(WORDS, r) : w)),
  (t, r) => {
    const lines = t.split("\n");
    const i = Math.floor(r() * lines.length);
    const j = Math.floor(r() * lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join("\n");
  },
  (t, r) => {
    const lines = t.split("\n");
    const i = Math.floor(r() * lines.length);
    lines.splice(i, r() < 0.5 ? 1 : 0, ...(r() < 0.5 ? [lines[i] ?? ""] : []));
    return lines.join("\n");
  },
  (t, r) => t.slice(0, at(t, r)),
  (t, r) => {
    const other = pick(seeds, r);
    const from = at(other, r);
    const i = at(t, r);
    return t.slice(0, i) + other.slice(from, from + Math.floor(r() * 80)) + t.slice(i);
  },
];

/** The bytes of one fuzz case: mutated text, sometimes with a byte overwritten (NUL, invalid UTF-8). */
export function makeCase(r: () => number): Buffer {
  let text = pick(seeds, r);
  const rounds = 1 + Math.floor(r() * 4);
  for (let k = 0; k < rounds; k++) text = pick(mutators, r)(text, r);
  const bytes = Buffer.from(text);
  if (bytes.length > 0 && r() < 0.03) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
  return bytes;
}

