import { describe, expect, it } from "vitest";
import { SharedValues } from "../../../../src/compiler/check/shared-values.ts";
import { compileSource, sourceFromText } from "../../../../src/compiler/index.ts";

const seg = (...keys: Array<string | number>) => keys.map((key) => ({ key }));

describe("SharedValues", () => {
  it("gives equal paths and references one frozen value", () => {
    const paths = new SharedValues();
    const a = paths.path(seg("meta", "flagged"));
    expect(a).toEqual(["meta", "flagged"]);
    expect(paths.path(seg("meta", "flagged"))).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    const ref = paths.ref(seg("solution"), true);
    expect(ref).toEqual({ path: ["solution"], extract: true });
    expect(paths.ref(seg("solution"), true)).toBe(ref);
    expect(paths.ref(seg("solution"), false)).toEqual({ path: ["solution"], extract: false });
    expect(() => (ref.path as unknown[]).push("x")).toThrow(TypeError);
  });

  it("makes the filter of a condition text once, freezes it when shared, and keeps no failed one", () => {
    // The text holds "x == 1" at 0 and 12, and "x ==" at 7 (and at the start of each "x == 1").
    const shared = new SharedValues("x == 1 x == x == 1");
    let made = 0;
    const make = () => (made++, { op: "==" as const, field: ["x"] as [string], value: 1 });
    const first = shared.filter({ start: 0, end: 6 }, make);
    expect(Object.isFrozen(first)).toBe(false); // one source's alone until it is given out again
    expect(shared.filter({ start: 12, end: 18 }, make)).toBe(first);
    expect(made).toBe(1);
    expect(Object.isFrozen(first) && Object.isFrozen((first as { field: unknown }).field)).toBe(true);
    expect(shared.filter({ start: 7, end: 11 }, () => null)).toBeNull();
    expect(shared.filter({ start: 0, end: 4 }, make)).toEqual({ op: "==", field: ["x"], value: 1 });
    expect(made).toBe(2);
  });

  it("keeps apart paths that differ only in a key's type or sign", () => {
    const paths = new SharedValues();
    expect(paths.path(seg("a", 0))).not.toBe(paths.path(seg("a", "0")));
    expect(Object.is(paths.path(seg("a", -0))[1], -0)).toBe(true);
    expect(Object.is(paths.path(seg("a", 0))[1], 0)).toBe(true);
  });

  it("shares the field mappings of a spec's sources in its IR", () => {
    const source = (n: number) => `source s${n} { file: "s${n}.jsonl"  problem: q  answer: extract(a)  chain: c  where: x.y == 1 }\n`;
    const ir = compileSource(sourceFromText("t.hint", source(1) + source(2))).ir!;
    const [first, second] = ir.sources;
    expect(first!.fields.answer).toEqual({ path: ["a"], extract: true });
    expect(second!.fields.answer).toBe(first!.fields.answer);
    expect(second!.filter).toBe(first!.filter);
    expect(first!.filter).toEqual({ op: "==", field: ["x", "y"], value: 1 });
  });
});
