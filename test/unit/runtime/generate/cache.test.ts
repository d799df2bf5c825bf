import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CacheEntry, GenerationCache } from "../../../../src/runtime/generate/cache.ts";

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "hintc-cache-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = "ab".repeat(32);
const ENTRY: CacheEntry = {
  key: KEY,
  samples: [{ content: "The answer is \\boxed{4}.", reasoning: "2 + 2", finish_reason: "stop" }],
  usage: { prompt_tokens: 12, completion_tokens: 30 },
};

describe("GenerationCache", () => {
  it("stores an entry under its key and reads it back, leaving no temporary file", async () => {
    const cache = new GenerationCache(join(dir, "a"));
    expect(cache.get(KEY)).toBeNull();
    await cache.put(ENTRY);
    expect(cache.get(KEY)).toEqual(ENTRY);
    expect(cache.pathOf(KEY)).toBe(join(dir, "a", "ab", `${KEY}.json`));
    expect(readdirSync(join(dir, "a", "ab"))).toEqual([`${KEY}.json`]);
  });

  it("treats an unreadable entry, or one filed under another key, as missing", async () => {
    const cache = new GenerationCache(join(dir, "b"));
    await cache.put(ENTRY);
    writeFileSync(cache.pathOf(KEY), '{"format": "hintc-generation-cache/1", "key": "ab');
    expect(cache.get(KEY)).toBeNull();
    const other = "cd".repeat(32);
    writeFileSync(cache.pathOf(KEY), JSON.stringify({ format: "hintc-generation-cache/1", ...ENTRY, key: other }));
    expect(cache.get(KEY)).toBeNull();
    await cache.put(ENTRY);
    expect(cache.get(KEY)).toEqual(ENTRY);
  });
});
