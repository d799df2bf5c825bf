import { describe, expect, it } from "vitest";
import { ArrayStructureError, splitJsonArray } from "../../../../../src/runtime/sources/records/json-array-splitter.ts";

async function split(...chunks: string[]) {
  async function* source() {
    yield* chunks;
  }
  const out: Array<{ value: unknown; line: number }> = [];
  for await (const e of splitJsonArray(source())) out.push({ value: JSON.parse(e.text), line: e.line });
  return out;
}

async function failure(...chunks: string[]): Promise<ArrayStructureError> {
  try {
    await split(...chunks);
  } catch (error) {
    if (error instanceof ArrayStructureError) return error;
    throw error;
  }
  throw new Error("expected an ArrayStructureError");
}

const TRICKY = `\uFEFF[
  {"a": "a string with ] and } and , inside", "b": [1, [2, {"c": "\\"]"}]]},
  {"escaped": "back\\\\slash\\\\", "next": "]"},
  "a bare string, with a comma",
  42, -1.5e3, true, null, [], {}
]
`;

describe("splitJsonArray", () => {
  it("splits elements whose strings hold brackets, commas, quotes and backslashes", async () => {
    const whole = await split(TRICKY.replace("\uFEFF", ""));
    expect(whole.map((e) => e.value)).toEqual(JSON.parse(TRICKY.replace("\uFEFF", "")));
    expect(whole.map((e) => e.line)).toEqual([2, 3, 4, 5, 5, 5, 5, 5, 5]);
  });

  it("gives the same elements however the text is cut into chunks", async () => {
    const text = TRICKY.replace("\uFEFF", "");
    const expected = JSON.parse(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const parts = await split(text.slice(0, cut), text.slice(cut));
      expect(parts.map((e) => e.value)).toEqual(expected);
    }
    const singles = await split(...text.split(""));
    expect(singles.map((e) => e.value)).toEqual(expected);
  });

  it("reads an empty array and surrounding whitespace", async () => {
    expect(await split("  [  ", " ]\n\n")).toEqual([]);
  });

  it("rejects text that is not one array, saying where", async () => {
    expect((await failure('{"a": 1}')).message).toMatch(/start with '\['/);
    expect((await failure("")).message).toMatch(/empty/);
    expect((await failure("[1, 2]\n x")).message).toMatch(/after the array/);
    const unterminated = await failure('[\n{"a": 1},\n{"b": ');
    expect(unterminated.message).toMatch(/never ends/);
    expect(unterminated.line).toBe(3);
    expect((await failure("[1,,2]")).message).toMatch(/empty element/);
    expect((await failure("[1,]")).message).toMatch(/empty element/);
  });
});
