import { describe, expect, it } from "vitest";
import { SpanIndex } from "../../../../src/compiler/check/span-index.ts";

describe("SpanIndex", () => {
  it("finds a value by the text of a span, wherever that text is", () => {
    const text = "ab abc ab ba";
    const index = new SpanIndex<string>(text);
    index.add(0, 2, "first ab");
    expect(index.get(7, 9)).toBe("first ab"); // the same text elsewhere
    expect(index.get(3, 5)).toBe("first ab"); // "ab" at the start of "abc"
    expect(index.get(3, 6)).toBeUndefined(); // "abc": longer
    expect(index.get(10, 12)).toBeUndefined(); // "ba": same letters, other order
    expect(index.get(0, 0)).toBeUndefined();
    index.add(0, 0, "empty");
    expect(index.get(5, 5)).toBe("empty");
  });

  it("keeps every entry as it grows", () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i}`);
    const text = words.join(" ");
    const spans: Array<[number, number]> = [];
    for (let start = 0, i = 0; i < words.length; start += words[i]!.length + 1, i++) spans.push([start, start + words[i]!.length]);
    const index = new SpanIndex<number>(text);
    spans.forEach(([start, end], i) => index.add(start, end, i));
    spans.forEach(([start, end], i) => expect(index.get(start, end)).toBe(i));
    const probe = new SpanIndex<number>(`${text} w1000 w999`);
    spans.forEach(([start, end], i) => probe.add(start, end, i));
    expect(probe.get(text.length + 1, text.length + 6)).toBeUndefined();
    expect(probe.get(text.length + 7, text.length + 11)).toBe(999);
  });
});
