/**
 * Reading tokenizer.json without its vocabulary and merges, and deciding from it whether the split is
 * replicated. Settings: the bundled qwen3, llama3 and deepseek files, and variants of qwen3's made here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replaceMember, resolveTokenizer, splitConfig, tokenizerConfig, type TokenizerSpec } from "../../../../src/runtime/tokenize/index.ts";

const file = (name: "qwen3" | "llama3" | "deepseek") =>
  readFileSync((resolveTokenizer({ source: { bundled: name }, count: "tokens" }, ".") as Extract<TokenizerSpec, { kind: "file" }>).path, "utf8");

describe("tokenizerConfig", () => {
  it("is the parsed file without the model's tables", () => {
    for (const name of ["qwen3", "llama3", "deepseek"] as const) {
      const text = file(name);
      const full = JSON.parse(text) as { model: Record<string, unknown> };
      for (const key of Object.keys(full.model)) if (typeof full.model[key] === "object" && full.model[key] !== null) delete full.model[key];
      expect(tokenizerConfig(text)).toEqual(full);
    }
  });

  it("reads escapes, nesting and spacing, and rejects what is not JSON", () => {
    const text = ' {"a" : "x\\"}\\\\", "model": {"type": "BPE", "vocab": {"}": 1, "\\"": [2]}, "merges": [["a", "b"]], "dropout": null}, "b": [1, {"c": "]"}] } ';
    expect(tokenizerConfig(text)).toEqual({ a: 'x"}\\', model: { type: "BPE", dropout: null }, b: [1, { c: "]" }] });
    expect(() => tokenizerConfig('{"a": 1')).toThrow(SyntaxError);
    expect(() => tokenizerConfig("[1]")).toThrow(SyntaxError);
  });

  it("replaceMember changes one member and keeps the rest of the text", () => {
    const text = '{"added_tokens": [{"id": 1}, {"id": 7}], "model": {"vocab": {"added_tokens": 3}}}';
    expect(replaceMember(text, "added_tokens", (v) => (v as Array<{ id: number }>).filter((t) => t.id < 5)))
      .toBe('{"added_tokens": [{"id":1}], "model": {"vocab": {"added_tokens": 3}}}');
  });
});

describe("splitConfig", () => {
  const qwen3 = file("qwen3");
  const variant = (key: string, value: unknown) => splitConfig(replaceMember(qwen3, key, () => value));

  it("accepts the bundled vocabularies", () => {
    for (const name of ["qwen3", "llama3", "deepseek"] as const) expect(splitConfig(file(name))).not.toHaveProperty("unsupported");
  });

  it("names what it does not replicate, so the library measures every text", () => {
    const split = JSON.parse(JSON.stringify(tokenizerConfig(qwen3).pre_tokenizer)) as { pretokenizers: Array<{ pattern?: { Regex: string } }> };
    split.pretokenizers[0]!.pattern!.Regex = "\\p{N}{1,2}";
    expect(variant("pre_tokenizer", split)).toEqual({ unsupported: "its pre-tokenizer is not one hintc replicates" });
    expect(variant("pre_tokenizer", { type: "ByteLevel", add_prefix_space: true, use_regex: true })).toEqual({ unsupported: "its pre-tokenizer is not one hintc replicates" });
    expect(variant("normalizer", { type: "Lowercase" })).toEqual({ unsupported: "its normalizer is not Unicode normalization" });
    expect(variant("truncation", { max_length: 512 })).toEqual({ unsupported: "it truncates or pads" });
    expect(variant("decoder", { type: "WordPiece" })).toEqual({ unsupported: "it is not byte-level" });
    expect(variant("post_processor", { type: "Unknown" })).toEqual({ unsupported: "its post-processor may change tokens" });
    expect(variant("added_tokens", [{ id: 1, content: "<x>", lstrip: true }])).toMatchObject({ unsupported: expect.stringContaining("strips spaces") });
    expect(splitConfig("not json")).toMatchObject({ unsupported: expect.stringContaining("not a tokenizer.json") });
  });

  it("accepts GPT-2's ByteLevel pre-tokenizer and a normalizer sequence of Unicode forms", () => {
    expect(variant("pre_tokenizer", { type: "ByteLevel", add_prefix_space: false, use_regex: true })).not.toHaveProperty("unsupported");
    expect(variant("normalizer", { type: "Sequence", normalizers: [{ type: "NFKC" }] })).not.toHaveProperty("unsupported");
  });
});
