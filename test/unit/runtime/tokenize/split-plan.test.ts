/**
 * The replicated split against the library's own pre-tokenizer (`preTokenizeString`), piece for piece.
 * Settings: the pre-tokenizers of the bundled qwen3, llama3 and deepseek files and GPT-2's ByteLevel regex,
 * without normalizer or added tokens (those are tested through token ends in piece-meter.test.ts). Every
 * code point of the Basic Multilingual Plane and every 61st above it is put in contexts that tell its class
 * (after a letter, a digit, a space, punctuation, an apostrophe; before a newline); a code point V8 and
 * Oniguruma classify differently must instead send its text to the library.
 */
import { readFileSync } from "node:fs";
import { Tokenizer } from "tokenizers";
import { describe, expect, it } from "vitest";
import { resolveTokenizer, SplitPlan, tokenizerConfig, type SplitJson, type TokenizerSpec } from "../../../../src/runtime/tokenize/index.ts";

function bundledConfig(name: "qwen3" | "llama3" | "deepseek"): SplitJson {
  const spec = resolveTokenizer({ source: { bundled: name }, count: "tokens" }, ".") as Extract<TokenizerSpec, { kind: "file" }>;
  return tokenizerConfig(readFileSync(spec.path, "utf8"));
}

/** The config with only its pre-tokenizer left to act, and the library's pre-tokenizer for it. */
function bare(config: SplitJson, preTokenizer?: unknown): { plan: SplitPlan; library: (text: string) => string[] } {
  const pre = preTokenizer ?? config.pre_tokenizer;
  const plan = SplitPlan.of({ ...config, normalizer: null, added_tokens: [], pre_tokenizer: pre as SplitJson["pre_tokenizer"] });
  if ("unsupported" in plan) throw new Error(plan.unsupported);
  const json = {
    version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: pre,
    post_processor: null, decoder: null, model: { type: "WordLevel", vocab: { "[UNK]": 0 }, unk_token: "[UNK]" },
  };
  const splitter = Tokenizer.fromString(JSON.stringify(json)).getPreTokenizer()!;
  const library = (text: string): string[] => {
    const points = Array.from(text);
    return splitter.preTokenizeString(text).map(([, [start, end]]) => points.slice(start, end).join(""));
  };
  return { plan, library };
}

function probe(c: string): string {
  return `!${c}x${c} ${c}'${c}1${c}\n${c}${c}  ${c}a${c}.\n'${c}x\nb${c}c 3${c}4\n`;
}

function codePoints(): number[] {
  const out: number[] = [];
  for (let c = 0; c <= 0xffff; c++) if (c < 0xd800 || c > 0xdfff) out.push(c);
  for (let c = 0x10000; c <= 0x10ffff; c += 61) out.push(c);
  return out;
}

function expectSameSplit({ plan, library }: ReturnType<typeof bare>): void {
  const agreed: string[] = [];
  let disagreed = 0;
  for (const c of codePoints()) {
    const text = probe(String.fromCodePoint(c));
    if (plan.split(text) === null) disagreed++;
    else agreed.push(text);
  }
  for (let at = 0; at < agreed.length; at += 4000) {
    const text = agreed.slice(at, at + 4000).join("");
    const pieces = plan.pieces(text)!.pieces;
    const expected = library(text);
    if (pieces.length !== expected.length || pieces.some((p, i) => p !== expected[i])) {
      const i = pieces.findIndex((p, k) => p !== expected[k]);
      expect(pieces.slice(Math.max(0, i - 3), i + 3)).toEqual(expected.slice(Math.max(0, i - 3), i + 3));
    }
  }
  // Node's Unicode is newer than the binding's Oniguruma: with a RegExp stage some code points go to the
  // library, most do not.
  expect(agreed.length).toBeGreaterThan(60_000);
  expect(disagreed).toBeLessThan(2_000);
}

describe("the replicated split, code point by code point", () => {
  it("qwen3 (Qwen2's pattern)", () => expectSameSplit(bare(bundledConfig("qwen3"))));
  it("llama3 (digits in threes)", () => expectSameSplit(bare(bundledConfig("llama3"))));
  it("deepseek (three splits in a row, marks, punctuation and symbols)", () => expectSameSplit(bare(bundledConfig("deepseek"))));
  it("GPT-2's ByteLevel regex", () => {
    expectSameSplit(bare(bundledConfig("qwen3"), { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true }));
  });
});

describe("contractions", () => {
  it("match in any case, with Oniguruma's case folding, before letters and not", () => {
    const endings = ["s", "t", "re", "ve", "m", "ll", "d"];
    const cased = endings.flatMap((e) => [e, e.toUpperCase(), e[0]!.toUpperCase() + e.slice(1), e[0] + e.slice(1).toUpperCase()]);
    const odd = ["\u017f", "\u212a", "\u00df", "\ufb06", "\u0131", "\u0130", "\u1e9e", "\u017ft"];
    const text = [...cased, ...odd].flatMap((e) => [`'${e}`, `'${e}x`, ` '${e} `, `''${e}`]).join("\n");
    for (const config of [bundledConfig("qwen3"), bundledConfig("llama3")]) {
      const { plan, library } = bare(config);
      expect(plan.pieces(text)!.pieces).toEqual(library(text));
    }
  });
});

describe("texts the split leaves to the library", () => {
  const plan = SplitPlan.of(bundledConfig("qwen3")) as SplitPlan;

  it("are those normalization would change, with lone surrogates, or with characters classified differently", () => {
    expect(plan.split("caf\u00e9 d\u00e9j\u00e0")).not.toBeNull();
    expect(plan.split("cafe\u0301")).toBeNull();
    expect(plan.split("\u212b")).toBeNull();
    expect(plan.split("a \ud800 b")).toBeNull();
    expect(plan.split("a \udc00 b")).toBeNull();
    expect(plan.split("a \u{1f600} b")).not.toBeNull();
    // U+088F was added in Unicode 17 (a letter to V8 here), after the binding's Oniguruma tables: the
    // word scanner reads Oniguruma's classes and cuts it as the library does, a RegExp stage cannot.
    expect(plan.pieces("a \u088f b")!.pieces).toEqual(["a", " \u088f", " b"]);
    const deepseek = SplitPlan.of(bundledConfig("deepseek")) as SplitPlan;
    expect(deepseek.split("a \u088f b")).toBeNull();
    expect(deepseek.split("a \u00e9 b")).not.toBeNull();
  });

  it("cut added tokens out first, leftmost and longest", () => {
    expect(plan.pieces("a<think>b</think>\n\n<|im_end|><|im_end|")).toEqual({
      pieces: ["a", "<think>", "b", "</think>", "\n\n", "<|im_end|>", "<|", "im", "_end", "|"],
      added: [1, 3, 5],
    });
  });
});
