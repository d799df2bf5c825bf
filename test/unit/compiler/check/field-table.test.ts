import { describe, expect, it } from "vitest";
import { FieldTable } from "../../../../src/compiler/check/field-table.ts";

describe("FieldTable", () => {
  it("reads like a Map of checked fields, in the order they were added, before and after trimming", () => {
    const table = new FieldTable();
    expect(table.size).toBe(0);
    expect(table.get("file")).toBeUndefined();
    table.add("file", "a.jsonl", { start: 6, end: 15 }, { start: 0, end: 4 });
    table.add("limit", 10, { start: 23, end: 25 }, { start: 16, end: 21 });
    for (const t of [table, (table.trim(), table)]) {
      expect(t.size).toBe(2);
      expect(t.has("limit")).toBe(true);
      expect(t.has("chain")).toBe(false);
      expect(t.get("limit")).toEqual({ value: 10, span: { start: 23, end: 25 }, nameSpan: { start: 16, end: 21 } });
      expect(t.keys()).toEqual(["file", "limit"]);
      expect([...t].map(([name, field]) => [name, field.value])).toEqual([["file", "a.jsonl"], ["limit", 10]]);
    }
  });
});
