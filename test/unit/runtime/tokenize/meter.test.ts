/**
 * Token measures on real text (test/fixtures/thought-anchors: R1-distill traces with LaTeX, Greek letters,
 * superscripts and emoji): Hugging Face's Rust binding and the pure-JS fallback give the same ids and the
 * same token ends, for every bundled vocabulary.
 */
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  charEnds, codePointEndsToUtf16, loadMeter, pieceLengths, resolveTokenizer, tokensBetween, tokensThrough,
  type BundledName, type Meter, type TokenizerSpec,
} from "../../../../src/runtime/tokenize/index.ts";

const fixture = new URL("../../../fixtures/thought-anchors/traces.jsonl", import.meta.url);
const traces = readFileSync(fixture, "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { solution: string }).solution);

function spec(name: BundledName): TokenizerSpec {
  const s = resolveTokenizer({ source: { bundled: name }, count: "tokens" }, ".");
  if ("error" in s) throw new Error(s.error);
  return s;
}

describe("the bundled vocabularies, native and pure-JS", () => {
  const cases: Array<[BundledName, string[]]> = [
    ["qwen3", traces],
    ["qwen2.5", traces.slice(0, 3)],
    ["llama3", traces.slice(0, 3)],
    ["deepseek", traces.slice(0, 3)],
  ];
  for (const [name, texts] of cases) {
    it(`${name}: same ids and token ends on real traces`, async () => {
      const native = await loadMeter(spec(name), "native");
      const js = await loadMeter(spec(name), "js");
      expect([native.backend, js.backend]).toEqual(["native", "js"]);
      for (const text of texts) {
        const ids = await native.encode(text);
        expect(ids.length).toBeGreaterThan(text.length / 8);
        expect(await js.encode(text)).toEqual(ids);
        const ends = await native.measure(text);
        expect(ends.length).toBe(ids.length);
        expect(ends[ends.length - 1]).toBe(text.length);
        expect(await js.measure(text)).toEqual(ends);
      }
    });
  }

  it("qwen2.5 is qwen3 without the thinking tokens", async () => {
    const qwen3 = await loadMeter(spec("qwen3"), "native");
    const qwen25 = await loadMeter(spec("qwen2.5"), "native");
    expect(Array.from(await qwen3.encode("</think>"))).toEqual([151668]);
    expect((await qwen25.encode("</think>")).length).toBeGreaterThan(1);
    expect(await qwen25.encode(traces[1]!.replace("</think>", ""))).toEqual(await qwen3.encode(traces[1]!.replace("</think>", "")));
  });
});

describe("token ends", () => {
  let meter: Meter;
  beforeAll(async () => {
    meter = await loadMeter(spec("qwen3"), "native");
  });

  it("count a range's tokens so that consecutive ranges add up to the whole", async () => {
    const text = traces[0]!;
    const ends = await meter.measure(text);
    const cuts = [100, 1000, 1001, 2000];
    const lengths = pieceLengths(ends, cuts, text.length);
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(ends.length);
    expect(tokensBetween(ends, 0, text.length)).toBe(ends.length);
    // A cut at a paragraph break falls between tokens: each side measures as if tokenized alone.
    const cut = text.indexOf("\n\n") + 2;
    expect(tokensBetween(ends, 0, cut)).toBe((await meter.encode(text.slice(0, cut))).length);
  });

  it("answer position queries without every end the same as with them", async () => {
    for (const text of [...traces.slice(0, 4), "x 😀 y.\n\n𝑥² ≈ 4. 😀😀 z\n\nend", "e\u0301te\u0301.\n\nok"]) {
      const ends = await meter.measure(text);
      const lazy = await meter.lengths(text);
      expect(lazy.total).toBe(ends.length);
      for (let offset = 0; offset <= text.length; offset += text.length > 100 ? 7 : 1) {
        if (offset > 0 && text.charCodeAt(offset) >= 0xdc00 && text.charCodeAt(offset) <= 0xdfff) continue; // mid-character
        expect([offset, lazy.through(offset)]).toEqual([offset, tokensThrough(ends, offset)]);
      }
      expect(lazy.ends()).toEqual(ends);
    }
  });

  it("are UTF-16 offsets, also after astral characters", async () => {
    const text = "x 😀 y 𝑥² z";
    const ends = await meter.measure(text);
    expect(ends[ends.length - 1]).toBe(text.length);
    expect(Array.from(codePointEndsToUtf16("a😀b", [1, 2, 3]))).toEqual([1, 3, 4]);
    expect(Array.from(charEnds("a😀b"))).toEqual([1, 3, 4]);
  });

  it("count code points with count: chars", async () => {
    const chars = await loadMeter({ kind: "chars" });
    expect((await chars.measure("a😀b")).length).toBe(3);
  });
});

describe("resolving a tokenizer", () => {
  it("reads a model folder holding tokenizer.json, relative to the spec", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hintc-tok-"));
    const model = join(dir, "model");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(model);
    symlinkSync((spec("qwen3") as { path: string }).path, join(model, "tokenizer.json"));
    const s = resolveTokenizer({ source: { path: "model" }, count: "tokens" }, dir);
    expect(s).toMatchObject({ kind: "file", path: join(model, "tokenizer.json"), label: "model" });
    const meter = await loadMeter(s as TokenizerSpec);
    expect(Array.from(await meter.encode("</think>"))).toEqual([151668]);
    expect(resolveTokenizer({ source: { path: "." }, count: "tokens" }, model)).toMatchObject({ kind: "file" });
    expect(resolveTokenizer({ source: { path: "missing" }, count: "tokens" }, dir)).toEqual({ error: "no such file or folder", path: "missing" });
    expect(resolveTokenizer({ source: { path: "." }, count: "tokens" }, dir)).toEqual({ error: "the folder holds no tokenizer.json", path: "." });
  });

  it("fails to load a file that is not a tokenizer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hintc-tok-"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "tokenizer.json"), "{\"not\": \"a tokenizer\"}");
    const s = resolveTokenizer({ source: { path: "tokenizer.json" }, count: "tokens" }, dir) as TokenizerSpec;
    await expect(loadMeter(s)).rejects.toThrow(/cannot load tokenizer tokenizer.json/);
  });
});
