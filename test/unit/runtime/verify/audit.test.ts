import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditFile, parseAuditLine, type AuditEvent, type AuditSummary } from "../../../../src/runtime/verify/audit.ts";
import { defaultCheck } from "../../../../src/runtime/verify/defaults.ts";
import { VerifierPool } from "../../../../src/runtime/verify/pool.ts";

describe("parseAuditLine", () => {
  it("skips blank lines and reads gold, pred and expected", () => {
    expect(parseAuditLine("   ", 1, "f")).toBeNull();
    expect(parseAuditLine('{"gold": 3, "pred": "x", "expected": false, "other": 1}', 2, "f")).toEqual({ line: 2, gold: 3, pred: "x", expected: false });
  });

  it.each([
    ["{bad json", "HC8001"],
    ["[1, 2]", "HC8002"],
    ['{"gold": "1"}', "HC8002"],
    ['{"pred": "1"}', "HC8002"],
    ['{"gold": null, "pred": "1"}', "HC8003"],
    ['{"gold": "1", "pred": 1}', "HC8003"],
    ['{"gold": "1", "pred": "1", "expected": "yes"}', "HC8003"],
  ])("reports %s as %s with its file and line", (text, code) => {
    expect(parseAuditLine(text, 7, "data.jsonl")).toMatchObject({ code, file: "data.jsonl", line: 7, severity: "error" });
  });
});

describe("auditFile", () => {
  const pool = new VerifierPool({ threads: 1 });
  const dir = mkdtempSync(join(tmpdir(), "hintc-audit-"));
  afterAll(() => pool.close());

  async function run(text: string): Promise<{ events: AuditEvent[]; summary: AuditSummary }> {
    const path = join(dir, `in-${Math.random()}.jsonl`);
    writeFileSync(path, text);
    const events: AuditEvent[] = [];
    const generator = auditFile(path, "in.jsonl", defaultCheck("math"), pool);
    for (;;) {
      const next = await generator.next();
      if (next.done) return { events, summary: next.value };
      events.push(next.value);
    }
  }

  it("yields results in file order with diagnostics in place, and counts them", async () => {
    const lines = [
      '{"gold": "1", "pred": "\\\\boxed{1}", "expected": true}',
      "not json",
      '{"gold": "2", "pred": "\\\\boxed{3}", "expected": true}',
      "",
      '{"gold": "2", "pred": "no idea.\\nreally."}',
    ];
    const { events, summary } = await run(lines.join("\n"));
    expect(events.map((e) => (e.kind === "result" ? `${e.result.line}:${e.result.status}` : e.diagnostic.code))).toEqual([
      "1:correct",
      "HC8001",
      "3:wrong",
      "5:no_answer",
    ]);
    expect(summary).toEqual({ lines: 4, invalid: 1, labelled: 2, agree: 1, correct: 1, wrong: 1, no_answer: 1, timeout: 0, error: 0 });
  });

  it("streams a file larger than one batch", async () => {
    const text = Array.from({ length: 600 }, (_, i) => JSON.stringify({ gold: String(i), pred: `\\boxed{${i}}` })).join("\n");
    const { summary } = await run(text);
    expect(summary).toMatchObject({ lines: 600, correct: 600 });
  });

  it("reports a file that cannot be read", async () => {
    const events: AuditEvent[] = [];
    const generator = auditFile(join(dir, "missing.jsonl"), "missing.jsonl", defaultCheck("math"), pool);
    for (let next = await generator.next(); !next.done; next = await generator.next()) events.push(next.value);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "diagnostic", diagnostic: { code: "HC0001", message: "cannot read missing.jsonl: no such file" } });
  });
});
