import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CacheEntry, GenerationCache, PACK_FORMAT, SINGLE_FORMAT } from "../../../../src/runtime/generate/cache.ts";

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "hintc-cache-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = "ab".repeat(32);
const ENTRY: CacheEntry = {
  key: KEY,
  samples: [{ content: "The answer is \\boxed{4}.", reasoning: "2 + 2", finish_reason: "stop" }],
  usage: { prompt_tokens: 12, completion_tokens: 30 },
};

/** An entry for key number i (keys spread over shards). */
function entryFor(i: number): CacheEntry {
  const key = (i * 2654435761).toString(16).padStart(8, "0").repeat(8).slice(0, 64);
  return { key, samples: [{ content: `answer ${i}`, reasoning: null, finish_reason: "stop" }], usage: { prompt_tokens: i, completion_tokens: 1 } };
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe("GenerationCache", () => {
  it("stores an entry under its key and reads it back, leaving no temporary file", async () => {
    const cache = new GenerationCache(join(dir, "a"));
    expect(cache.get(KEY)).toBeNull();
    await cache.put(ENTRY);
    expect(cache.get(KEY)).toEqual(ENTRY);
    expect(cache.pathOf(KEY)).toBe(join(dir, "a", "ab", `${KEY}.json`));
    expect(readdirSync(join(dir, "a", "ab"))).toEqual([`${KEY}.json`]);
  });

  it("treats an unreadable entry, or one filed under another key, as missing, and replaces it", async () => {
    const cache = new GenerationCache(join(dir, "b"));
    await cache.put(ENTRY);
    writeFileSync(cache.pathOf(KEY), '{"format": "hintc-generation-cache/2", "entries": [{"key": "ab');
    expect(cache.get(KEY)).toBeNull();
    const other = { ...ENTRY, key: "cd".repeat(32) };
    writeFileSync(cache.pathOf(KEY), JSON.stringify({ format: SINGLE_FORMAT, ...other }));
    expect(cache.get(KEY)).toBeNull();
    writeFileSync(cache.pathOf(KEY), JSON.stringify({ format: PACK_FORMAT, entries: [other] }));
    expect(cache.get(KEY)).toBeNull();
    await cache.put(ENTRY);
    expect(cache.get(KEY)).toEqual(ENTRY);
    expect(readdirSync(dirname(cache.pathOf(KEY)))).toEqual([`${KEY}.json`]);
  });

  it("reads entries written one per file by earlier versions", () => {
    const cache = new GenerationCache(join(dir, "c"));
    mkdirSync(dirname(cache.pathOf(KEY)), { recursive: true });
    writeFileSync(cache.pathOf(KEY), JSON.stringify({ format: SINGLE_FORMAT, ...ENTRY }));
    expect(cache.get(KEY)).toEqual(ENTRY);
  });

  it("writes entries put together as one file linked under every name, at most 64 to a file", async () => {
    const cache = new GenerationCache(join(dir, "d"), { packWindowMs: 50 });
    const entries = Array.from({ length: 70 }, (_, i) => entryFor(i));
    await Promise.all(entries.map((e) => cache.put(e)));
    for (const e of entries) expect(cache.get(e.key)).toEqual(e);
    const files = filesUnder(join(dir, "d"));
    expect(files.sort()).toEqual(entries.map((e) => cache.pathOf(e.key)).sort());
    const inodes = new Map<number, number>();
    for (const f of files) inodes.set(statSync(f).ino, (inodes.get(statSync(f).ino) ?? 0) + 1);
    expect([...inodes.values()].sort((a, b) => a - b)).toEqual([6, 64]);
    expect(statSync(cache.pathOf(entries[0]!.key)).nlink).toBe(64);
  });

  it("gives entries put further apart than the window files of their own", async () => {
    const cache = new GenerationCache(join(dir, "e"), { packWindowMs: 1 });
    const [first, second] = [entryFor(1), entryFor(2)];
    await cache.put(first);
    await cache.put(second);
    expect(statSync(cache.pathOf(first.key)).ino).not.toBe(statSync(cache.pathOf(second.key)).ino);
    expect([cache.get(first.key), cache.get(second.key)]).toEqual([first, second]);
  });
});
