import { describe, expect, it } from "vitest";
import { orderedMap } from "../../../../src/runtime/generate/ordered.ts";

async function* numbers(count: number, closed: { value: boolean }) {
  try {
    for (let i = 0; i < count; i++) yield i;
  } finally {
    closed.value = true;
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("orderedMap", () => {
  it("keeps input order however the work finishes, with at most `window` in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const work = async (i: number) => {
      most = Math.max(most, ++inFlight);
      await wait((7 * i) % 5);
      inFlight--;
      return i * 10;
    };
    const out: number[] = [];
    for await (const r of orderedMap(numbers(40, { value: false }), work, 6)) out.push(r);
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i * 10));
    expect(most).toBe(6);
  });

  it("closes its input when the consumer stops early", async () => {
    const closed = { value: false };
    for await (const r of orderedMap(numbers(100, closed), async (i) => i, 4)) if (r === 2) break;
    expect(closed.value).toBe(true);
  });

  it("hands on a failure when it reaches the head, not before", async () => {
    const out: number[] = [];
    const work = async (i: number) => {
      if (i === 3) throw new Error("item 3 failed");
      await wait(2);
      return i;
    };
    await expect(
      (async () => {
        for await (const r of orderedMap(numbers(10, { value: false }), work, 5)) out.push(r);
      })(),
    ).rejects.toThrow("item 3 failed");
    expect(out).toEqual([0, 1, 2]);
  });
});
