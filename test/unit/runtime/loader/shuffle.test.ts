import { describe, expect, it } from "vitest";
import { shuffleBuffer } from "../../../../src/runtime/loader/shuffle.ts";

async function* count(n: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) yield i;
}
async function all(items: AsyncIterable<number>): Promise<number[]> {
  const out: number[] = [];
  for await (const x of items) out.push(x);
  return out;
}

describe("shuffleBuffer", () => {
  it("emits every item exactly once", async () => {
    const out = await all(shuffleBuffer(count(500), 64, 7));
    expect([...out].sort((x, y) => x - y)).toEqual([...Array(500).keys()]);
    expect(out).not.toEqual([...Array(500).keys()]);
  });

  it("gives the same order for the same seed and another for another seed", async () => {
    const first = await all(shuffleBuffer(count(200), 32, 11));
    expect(await all(shuffleBuffer(count(200), 32, 11))).toEqual(first);
    expect(await all(shuffleBuffer(count(200), 32, 12))).not.toEqual(first);
  });

  it("moves an item at most one buffer's length earlier than it came", async () => {
    const out = await all(shuffleBuffer(count(1000), 16, 3));
    out.forEach((item, position) => expect(item).toBeLessThanOrEqual(position + 16));
  });

  it("keeps file order with a buffer below 2", async () => {
    expect(await all(shuffleBuffer(count(10), 1, 3))).toEqual([...Array(10).keys()]);
  });
});
