/**
 * Fuzzing the front end: valid specs mutated at random (deleted, inserted and swapped text, tokens, lines,
 * bytes), 10,000 cases per run, in-process. Every case must end like `hintc check` would exit 0 (an IR that
 * passes its schema) or exit 1 (at least one error diagnostic): never a throw. A sample also goes through the
 * formatter (idempotent, same IR) and through `main` with a real file (exit 0, 1 or 2, never a stack trace).
 * Settings: HINTC_FUZZ_SEED picks the random seed (default 20_251_129), HINTC_FUZZ_CASES the number of cases.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSource, decodeSpec, formatSource, sourceFromText } from "../../src/compiler/index.ts";
import { hasErrors } from "../../src/diagnostics/index.ts";
import { validateIr } from "../../src/ir/index.ts";
import { FRAGMENT_SOURCE, hintBlocks } from "../helpers/doc-blocks.ts";
import { hasStackTrace, runHintc } from "../helpers/fake-io.ts";
import { filesUnder, ROOT } from "../helpers/files.ts";

const SEED = Number(process.env["HINTC_FUZZ_SEED"] ?? 20_251_129);
const CASES = Number(process.env["HINTC_FUZZ_CASES"] ?? 10_000);

const seeds = [
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

/** A small, fast, seedable PRNG (mulberry32), so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
function makeCase(r: () => number): Buffer {
  let text = pick(seeds, r);
  const rounds = 1 + Math.floor(r() * 4);
  for (let k = 0; k < rounds; k++) text = pick(mutators, r)(text, r);
  const bytes = Buffer.from(text);
  if (bytes.length > 0 && r() < 0.03) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
  return bytes;
}

interface Outcome {
  exit: 0 | 1;
  ir: unknown;
  formattable: boolean;
}

/** What `hintc check` would do with these bytes; throws only on a bug. */
function check(bytes: Buffer): Outcome {
  const decoded = decodeSpec("fuzz.hint", bytes);
  if (!decoded.source) {
    if (!hasErrors(decoded.diagnostics)) throw new Error("a refused file came without an error diagnostic");
    return { exit: 1, ir: null, formattable: false };
  }
  const result = compileSource(decoded.source);
  if (result.ir) {
    const problems = validateIr(result.ir);
    if (problems.length > 0) throw new Error(`IR fails its schema: ${JSON.stringify(problems)}`);
    return { exit: 0, ir: result.ir, formattable: true };
  }
  if (!hasErrors(result.diagnostics)) throw new Error("no IR and no error diagnostic");
  return { exit: 1, ir: null, formattable: result.checked !== null };
}

function checkFormatting(bytes: Buffer, outcome: Outcome): void {
  const source = sourceFromText("fuzz.hint", bytes.toString("utf8"));
  const once = formatSource(source);
  if (once.text === null) throw new Error("a spec without syntax errors was not formatted");
  const twice = formatSource(sourceFromText("fuzz.hint", once.text));
  if (twice.text !== once.text) throw new Error("formatting is not idempotent");
  const after = compileSource(sourceFromText("fuzz.hint", once.text));
  if (JSON.stringify(after.ir) !== JSON.stringify(outcome.ir)) throw new Error("formatting changed the IR");
}

describe(`fuzzing the front end (seed ${SEED}, ${CASES} cases)`, () => {
  it("ends every case with an IR or an error diagnostic, never a throw", () => {
    const r = prng(SEED);
    const failures: string[] = [];
    const counts = { ok: 0, errors: 0, formatted: 0 };
    for (let n = 0; n < CASES; n++) {
      const bytes = makeCase(r);
      try {
        const outcome = check(bytes);
        counts[outcome.exit === 0 ? "ok" : "errors"]++;
        if (outcome.formattable && n % 4 === 0) {
          checkFormatting(bytes, outcome);
          counts.formatted++;
        }
      } catch (error) {
        if (failures.length < 5) failures.push(`case ${n}: ${(error as Error).message}\n${JSON.stringify(bytes.toString("utf8").slice(0, 2000))}`);
      }
    }
    expect(failures).toEqual([]);
    // The mutations must exercise both outcomes, or the fuzzer tests nothing.
    expect(counts.ok).toBeGreaterThan(CASES / 20);
    expect(counts.errors).toBeGreaterThan(CASES / 4);
    expect(counts.formatted).toBeGreaterThan(CASES / 50);
  });

  it("runs a sample through hintc check with real files: exit 0, or 1 with a diagnostic", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hintc-fuzz-"));
    try {
      const r = prng(SEED + 1);
      for (let n = 0; n < 60; n++) {
        writeFileSync(join(dir, "case.hint"), makeCase(r));
        const run = await runHintc(["check", "case.hint"], dir);
        expect([0, 1]).toContain(run.code);
        if (run.code === 1) expect(run.stderr).toMatch(/error\[HC\d{4}\]/);
        expect(hasStackTrace(run.stderr)).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
