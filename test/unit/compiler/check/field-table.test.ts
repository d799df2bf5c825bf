import { describe, expect, it } from "vitest";
import { FieldStore, FieldTable } from "../../../../src/compiler/check/field-table.ts";

describe("FieldTable", () => {
  it("reads like a Map of checked fields, in the order they were added", () => {
    const table = new FieldTable();
    expect(table.size).toBe(0);
    expect(table.get("file")).toBeUndefined();
    table.add("file", "a.jsonl", { start: 6, end: 15 }, { start: 0, end: 4 });
    table.add("limit", 10, { start: 23, end: 25 }, { start: 16, end: 21 });
    expect(table.size).toBe(2);
    expect(table.has("limit")).toBe(true);
    expect(table.has("chain")).toBe(false);
    expect(table.get("limit")).toEqual({ value: 10, span: { start: 23, end: 25 }, nameSpan: { start: 16, end: 21 } });
    expect(table.keys()).toEqual(["file", "limit"]);
    expect([...table].map(([name, field]) => [name, field.value])).toEqual([["file", "a.jsonl"], ["limit", 10]]);
  });

  it("keeps the fields of tables sharing a store apart, also when a table outgrows its expected size", () => {
    const store = new FieldStore();
    const root = new FieldTable(0, store);
    const tables = Array.from({ length: 40 }, () => new FieldTable(2, store));
    root.add("name", "run", { start: 6, end: 11 }, { start: 0, end: 4 });
    tables.forEach((table, i) => {
      table.add("file", `f${i}`, { start: i, end: i + 1 }, { start: i, end: i });
      table.add("limit", i, { start: 2 * i, end: 2 * i + 2 }, { start: 0, end: 5 });
      // A third field is more than the table expected: it moves, past the tables made after it.
      table.add("chain", `c${i}`, { start: 3 * i, end: 3 * i + 3 }, { start: 1, end: 6 });
      root.add(`seed${i}`, i, { start: 100 + i, end: 101 + i }, { start: 90, end: 94 });
    });
    expect(root.size).toBe(41);
    expect(root.get("name")).toEqual({ value: "run", span: { start: 6, end: 11 }, nameSpan: { start: 0, end: 4 } });
    expect(root.get("seed39")).toEqual({ value: 39, span: { start: 139, end: 140 }, nameSpan: { start: 90, end: 94 } });
    tables.forEach((table, i) => {
      expect(table.keys()).toEqual(["file", "limit", "chain"]);
      expect(table.get("file")).toEqual({ value: `f${i}`, span: { start: i, end: i + 1 }, nameSpan: { start: i, end: i } });
      expect(table.get("limit")).toEqual({ value: i, span: { start: 2 * i, end: 2 * i + 2 }, nameSpan: { start: 0, end: 5 } });
      expect(table.get("chain")?.value).toBe(`c${i}`);
      expect(table.has("seed0")).toBe(false);
    });
  });
});
