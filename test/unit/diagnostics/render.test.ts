import { describe, expect, it } from "vitest";
import { diagnostic, diagnosticToJson, renderDiagnostic } from "../../../src/diagnostics/index.ts";

const source = "name: \"x\"\nseed: -1\n";
const lookup = (file: string) => (file === "a.hint" ? source : undefined);

describe("renderDiagnostic", () => {
  it("shows file:line:col, the line, a caret under the span, and help", () => {
    const d = diagnostic("HC0004", { path: "a.hint", size: 1, limit: 0 }, {
      file: "a.hint",
      span: { start: 16, end: 18 },
      help: ["make it smaller"],
    });
    expect(renderDiagnostic(d, lookup, { color: false })).toBe(
      [
        "error[HC0004]: a.hint is 1 bytes; specs are limited to 0 bytes",
        "  --> a.hint:2:7",
        "  |",
        "2 | seed: -1",
        "  |       ^^",
        "  help: make it smaller",
      ].join("\n"),
    );
  });

  it("clips a very long line around the caret", () => {
    const long = "x".repeat(1_000_000) + "!";
    const d = diagnostic("HC0001", { path: "b", reason: "r" }, { file: "b", span: { start: 1_000_000, end: 1_000_001 } });
    const text = renderDiagnostic(d, () => long, { color: false });
    expect(text.length).toBeLessThan(1000);
    expect(text).toContain("!");
  });
});

describe("diagnosticToJson", () => {
  it("adds resolved start and end positions", () => {
    const d = diagnostic("HC0001", { path: "a.hint", reason: "r" }, { file: "a.hint", span: { start: 10, end: 14 } });
    expect(diagnosticToJson(d, lookup)).toMatchObject({ code: "HC0001", start: { line: 2, column: 1 }, end: { line: 2, column: 5 } });
  });
});
