/**
 * Golden files: one readable file per input with a section per stage. A missing or different golden fails
 * the test; `UPDATE_GOLDEN=1 npx vitest run test/golden` rewrites them (review the diff before committing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect } from "vitest";
import { compileSource, formatSource, sourceFromText, type CompileResult } from "../../src/compiler/index.ts";
import { printAst, printDiagnosticList, printFlatJson, printTokens } from "../../src/compiler/printers.ts";
import { hasErrors } from "../../src/diagnostics/index.ts";
import { ROOT } from "./files.ts";

export const UPDATE = process.env["UPDATE_GOLDEN"] === "1";

/** Where an input's golden lives: beside it under test/golden/, else mirrored into test/golden/. */
export function goldenPath(input: string): string {
  const stem = input.endsWith(".hint") ? input.slice(0, -".hint".length) : input;
  return input.startsWith("test/golden/") ? `${stem}.golden` : `test/golden/${stem}.golden`;
}

/** The golden of a Markdown page's ```hint blocks: one per page, except one for all of specs/diagnostics/. */
export function docGoldenPath(page: string): string {
  return page.startsWith("specs/diagnostics/") ? "test/golden/specs/diagnostics.golden" : goldenPath(page);
}

/** Compares (or, with UPDATE_GOLDEN=1, writes) a golden file. */
export function expectGolden(path: string, actual: string): void {
  const full = ROOT + path;
  if (UPDATE) {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, actual);
    return;
  }
  if (!existsSync(full)) throw new Error(`missing golden file ${path}: run UPDATE_GOLDEN=1 npx vitest run test/golden`);
  expect(actual, `golden ${path} differs (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(full, "utf8"));
}

/** The golden text of a spec: tokens, AST, diagnostics, IR and formatted form. */
export function specGolden(input: string, text: string): { golden: string; result: CompileResult } {
  const source = sourceFromText(input, text);
  const result = compileSource(source);
  const formatted = formatSource(source);
  const sections = [
    `# Golden output of ${input} (test/golden/golden.test.ts; UPDATE_GOLDEN=1 rewrites it).`,
    section("tokens", printTokens(result.tokens, result.comments, source.text)),
    section("ast", result.ast ? printAst(result.ast, source.text) : "(none)"),
    section("diagnostics", result.diagnostics.length > 0 ? printDiagnosticList(result.diagnostics, source.text) : "(none)"),
    section("ir", result.ir ? printFlatJson(result.ir) : "(none: the spec has errors)"),
    section("fmt", formatted.text === null ? "(not formatted: syntax errors)" : formatted.text === source.text ? "(unchanged)" : formatted.text.trimEnd()),
  ];
  return { golden: sections.join("\n\n") + "\n", result };
}

export function section(title: string, body: string): string {
  return `== ${title}\n${body}`;
}

/** `# expect: HC2003 3:10` lines of a bad spec: the diagnostics it must produce (code and position). */
export function expectations(text: string): string[] {
  return [...text.matchAll(/^# expect: (HC\d{4}) (\d+(?::\d+)?|-)\s*$/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}

/** A compile result's diagnostics as `HC2003 3:10` (or `HC2013 5` when only a line is given). */
export function actualPositions(result: CompileResult, text: string): string[] {
  return printDiagnosticList(result.diagnostics, text)
    .split("\n")
    .filter((line) => !line.startsWith("  "))
    .map((line) => /^\w+ (HC\d{4})(?: (\d+(?::\d+)?))?:/.exec(line))
    .map((m) => `${m?.[1]} ${m?.[2] ?? "-"}`)
    .sort();
}

export { hasErrors };
