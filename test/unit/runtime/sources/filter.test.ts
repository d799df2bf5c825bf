import { describe, expect, it } from "vitest";
import type { Filter } from "../../../../src/ir/index.ts";
import { passesFilter } from "../../../../src/runtime/sources/filter.ts";

const row = { level: "Level 5", score: 3, big: 7n, meta: { lang: "en" }, flag: true };

describe("passesFilter", () => {
  it("compares strictly, with no coercion between numbers and strings", () => {
    expect(passesFilter({ op: "==", field: ["score"], value: 3 }, row)).toBe(true);
    expect(passesFilter({ op: "==", field: ["score"], value: "3" }, row)).toBe(false);
    expect(passesFilter({ op: "!=", field: ["level"], value: "Level 4" }, row)).toBe(true);
    expect(passesFilter({ op: "==", field: ["meta", "lang"], value: "en" }, row)).toBe(true);
    expect(passesFilter({ op: "==", field: ["big"], value: 7 }, row)).toBe(true);
  });

  it("orders numbers with numbers and strings with strings, and nothing else", () => {
    expect(passesFilter({ op: ">=", field: ["score"], value: 3 }, row)).toBe(true);
    expect(passesFilter({ op: "<", field: ["score"], value: 3 }, row)).toBe(false);
    expect(passesFilter({ op: ">", field: ["level"], value: "Level 4" }, row)).toBe(true);
    expect(passesFilter({ op: "<", field: ["level"], value: 10 }, row)).toBe(false);
    expect(passesFilter({ op: ">", field: ["missing"], value: 0 }, row)).toBe(false);
  });

  it("reads a missing field as null", () => {
    expect(passesFilter({ op: "==", field: ["missing"], value: null }, row)).toBe(true);
    expect(passesFilter({ op: "in", field: ["missing"], values: [null, "x"] }, row)).toBe(true);
  });

  it("combines with and, or, not and in", () => {
    const f: Filter = {
      op: "and",
      args: [
        { op: "in", field: ["level"], values: ["Level 4", "Level 5"] },
        { op: "not", arg: { op: "==", field: ["flag"], value: false } },
        { op: "or", args: [{ op: "<", field: ["score"], value: 0 }, { op: ">", field: ["score"], value: 2 }] },
      ],
    };
    expect(passesFilter(f, row)).toBe(true);
    expect(passesFilter(f, { ...row, score: 1 })).toBe(false);
  });
});
