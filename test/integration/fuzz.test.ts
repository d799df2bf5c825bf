/**
 * Fuzzing the front end: valid specs mutated at random (deleted, inserted and swapped text, tokens, lines,
 * bytes), 10,000 cases per run, in-process. Every case must end like `hintc check` would exit 0 (an IR that
 * passes its schema) or exit 1 (at least one error diagnostic): never a throw. A sample also goes through the
 * formatter (idempotent, same IR) and through `main` with a real file (exit 0, 1 or 2, never a stack trace).
 * Settings: HINTC_FUZZ_SEED picks the random seed (default 20_251_129), HINTC_FUZZ_CASES the number of cases.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSource, decodeSpec, formatSource, sourceFromText } from "../../src/compiler/index.ts";
import { hasErrors } from "../../src/diagnostics/index.ts";
import { validateIr } from "../../src/ir/index.ts";
import { hasStackTrace, runHintc } from "../helpers/fake-io.ts";
import { mulberry32 } from "../../src/runtime/random.ts";
import { FUZZ_CASES as CASES, FUZZ_SEED as SEED, makeCase } from "../helpers/mutate.ts";

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
    const r = mulberry32(SEED);
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
      const r = mulberry32(SEED + 1);
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
