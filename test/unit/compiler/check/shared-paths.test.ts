import { describe, expect, it } from "vitest";
import { SharedPaths } from "../../../../src/compiler/check/shared-paths.ts";
import { compileSource, sourceFromText } from "../../../../src/compiler/index.ts";

const seg = (...keys: Array<string | number>) => keys.map((key) => ({ key }));

describe("SharedPaths", () => {
  it("gives equal paths and references one frozen value", () => {
    const paths = new SharedPaths();
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

  it("keeps apart paths that differ only in a key's type or sign", () => {
    const paths = new SharedPaths();
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
    expect(second!.filter).toEqual(first!.filter);
  });
});
