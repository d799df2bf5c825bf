/**
 * The piece cache gives exactly the library's token ends of the whole text. Settings: every bundled
 * vocabulary (qwen3, qwen2.5, llama3, deepseek) and qwen3 named by a tokenizer.json path; the native binding
 * as the library. Texts: all 40 real R1-distill traces (examples/traces), 200 MATH problems and solutions and
 * 500 GSM8K questions and answers (test/fixtures/sources), then 400 seeded random strings built from
 * adversarial fragments (contractions, digit runs, white space runs, added tokens, astral and combining
 * characters, characters V8 and Oniguruma classify differently, lone surrogates) with a warm cache.
 */
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCachedMeter, resolveTokenizer, type BundledName, type CachedMeter, type TokenizerSpec } from "../../../../src/runtime/tokenize/index.ts";

const jsonl = (url: URL) => readFileSync(url, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, string>);
const traces = jsonl(new URL("../../../../examples/traces/traces.jsonl", import.meta.url)).map((r) => r["solution"]!);
const math = jsonl(new URL("../../../fixtures/sources/math-test-200.jsonl", import.meta.url)).flatMap((r) => [r["problem"]!, r["solution"]!]);
const gsm8k = jsonl(new URL("../../../fixtures/sources/gsm8k-test-500.jsonl", import.meta.url)).flatMap((r) => [r["question"]!, r["answer"]!]);

function bundled(name: BundledName): TokenizerSpec {
  return resolveTokenizer({ source: { bundled: name }, count: "tokens" }, ".") as TokenizerSpec;
}

/** qwen3's tokenizer.json copied to a folder of its own and named by path, as a user's model would be. */
function byPath(): TokenizerSpec {
  const dir = mkdtempSync(join(tmpdir(), "hintc-pieces-"));
  copyFileSync((bundled("qwen3") as { path: string }).path, join(dir, "tokenizer.json"));
  return resolveTokenizer({ source: { path: "tokenizer.json" }, count: "tokens" }, dir) as TokenizerSpec;
}

async function expectSameEnds(m: CachedMeter, texts: readonly string[]): Promise<void> {
  for (const text of texts) {
    const [cached, whole] = await Promise.all([m.meter.measure(text), m.library.measure(text)]);
    if (cached.length !== whole.length || cached.some((end, i) => end !== whole[i])) {
      expect({ text, ends: Array.from(cached) }).toEqual({ text, ends: Array.from(whole) });
    }
  }
}

const FRAGMENTS = [
  "Wait", " so", "Okay", "'s", "'S", "'\u017f", "'ll", "'LL", "'Re", "'vE", "'\u017ft", "'\u212a", "can't", "I'M", "'d", "''", "'",
  " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", " \n", "  \n  ", "\u00a0", "\u2028", "\u3000", "\u0085", "\ufeff", "\u200b", "\v", "\f",
  "0", "12", "123", "1234567", "3.14159", "\u0661\u0662\u0663", "\u00b2", "\u00bd", "\u216b", "\u{1d7d9}\u{1d7da}", "\u0f33",
  "\u00e9", "e\u0301", "\u00c5", "\u212b", "\ufb01", "\u00df", "\u0130", "\u01c5", "\ufb06", "\u0301", "\u0903", "\u00ad",
  "\u03c0", "\u2248", "\u2264", "\u2211", "\u221a", "\u2192", "\u221e", "\u00b0",
  "\u4e2d\u6587", "\u65e5\u672c\u8a9e", "\u3072\u3089\u304c\u306a", "\u30ab\u30bf\u30ab\u30ca", "\ud55c\uad6d\uc5b4", "\u0e44\u0e17\u0e22",
  "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u0939\u093f\u0928\u094d\u0926\u0940",
  "\u{1f600}", "\u{1f44d}\u{1f3fd}", "\u{1f468}\u200d\u{1f469}\u200d\u{1f467}", "\u{1f1eb}\u{1f1f7}", "\u{1d465}", "\u{1d538}",
  "\\frac{1}{2}", "$x^2$", "\\boxed{42}", "\\(\\)", "{}", "[]", "...", "!!!", "?!", "--", "\u2014", "\u201cquoted\u201d", ",\n",
  "<think>", "</think>", "<|im_end|>", "<|endoftext|>", "<|im_start|>", "<think", "|>", "<|", "<<think>>", "<tool_call>",
  "<\uff5cend\u2581of\u2581sentence\uff5c>", "<\uff5cUser\uff5c>", "<|EOT|>", "<|begin_of_text|>", "<|eot_id|>", "<|reserved_special_token_3|>",
  "\u088f", "\ua7ce", "\u{11de0}", "\ud800", "\udc00", "\u0000", "\u001b",
];

/** Seeded strings of fragments, now and then with random code points mixed in. */
function adversarial(count: number, seed: number): string[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (n: number): number => Math.floor(random() * n);
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    for (let k = 1 + pick(30); k > 0; k--) {
      if (random() < 0.1) {
        const c = random() < 0.7 ? pick(0x3000) : pick(0x30000);
        parts.push(c >= 0xd800 && c <= 0xdfff ? "?" : String.fromCodePoint(c));
      } else parts.push(FRAGMENTS[pick(FRAGMENTS.length)]!);
    }
    return parts.join("");
  });
}

const vocabularies: Array<[string, () => TokenizerSpec]> = [
  ["qwen3", () => bundled("qwen3")],
  ["qwen2.5", () => bundled("qwen2.5")],
  ["llama3", () => bundled("llama3")],
  ["deepseek", () => bundled("deepseek")],
  ["a tokenizer.json path (qwen3)", byPath],
];

describe("token ends through the piece cache", () => {
  for (const [name, spec] of vocabularies) {
    it(`${name}: equal the library's on real traces, MATH and GSM8K, and on adversarial strings`, async () => {
      const m = await loadCachedMeter(spec(), "native");
      expect([m.library.backend, m.unsupported]).toEqual(["native", null]);
      await expectSameEnds(m, [...traces, ...math, ...gsm8k]);
      const counts = { ...m.pieces!.counts };
      // Real reasoning text repeats its pieces: most are found in the cache, the rest go to the library.
      expect(counts.hits / counts.pieces).toBeGreaterThan(0.9);
      expect(counts.misses).toBeGreaterThan(0);
      expect(counts.wholeTexts).toBe(0);
      await expectSameEnds(m, adversarial(400, name.length));
      // Some strings hold text normalization changes, lone surrogates or characters the regex engines disagree on.
      expect(m.pieces!.counts.wholeTexts).toBeGreaterThan(0);
      expect(m.pieces!.counts.hits).toBeGreaterThan(counts.hits);
    });
  }

  it("stays within twice its capacity and still measures exactly", async () => {
    const m = await loadCachedMeter(bundled("qwen3"), "native", { capacity: 64 });
    let largest = 0;
    for (const text of traces.slice(0, 12)) {
      await expectSameEnds(m, [text]);
      largest = Math.max(largest, m.pieces!.size);
    }
    expect(largest).toBeGreaterThan(64);
    expect(largest).toBeLessThanOrEqual(128);
  });

  it("measures a text with the pure-JS library behind it too", async () => {
    const m = await loadCachedMeter(bundled("qwen3"), "js");
    expect(m.library.backend).toBe("js");
    await expectSameEnds(m, [traces[0]!, "x</think>\n\n<|im_end|>'s 123"]);
  });
});
