/**
 * Shared setup of the engine tests: the tiny built-in model they run, ragged helpers, and the torch gate.
 * Without a Python that imports torch the suites are skipped with the install command in their name; with
 * HINTC_REQUIRE_TORCH=1 (CI) they fail instead.
 */
import { describe, it } from "vitest";
import type { EngineConfig, Ragged } from "../../../src/trainer/protocol/engine.ts";
import { findPython, isFound, TORCH_INSTALL_HINT } from "../../../src/trainer/protocol/python.ts";

/**
 * The test model: 16 characters, d_model 32, 2 layers, 4 heads (about 29k parameters), on the CPU unless
 * HINTC_TEST_DEVICE says cuda (bench/gpu-check.sh), then in fp32 so the 1e-4 comparisons stay meaningful.
 */
export const VOCAB = "0123456789+-*=;A";

export function tinyConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return {
    model: { kind: "builtin", config: { vocab: VOCAB, d_model: 32, layers: 2, heads: 4, max_len: 64 } },
    seed: 1,
    device: process.env.HINTC_TEST_DEVICE === "cuda" ? "cuda" : "cpu",
    precision: "fp32",
    optimizer: { lr: 1e-3, weight_decay: 0, betas: [0.9, 0.99], grad_clip: 1.0 },
    reference_model: false,
    ...overrides,
  };
}

/** Built-in tokenizer ids: <pad> 0, <eos> 1, then the vocabulary's characters from 2. */
export const EOS = 1;
export const ids = (text: string): number[] => Array.from(text, (c) => VOCAB.indexOf(c) + 2);

export function ragged(rows: number[][]): Ragged<Int32Array> {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i]! + r.length));
  return { values: new Int32Array(rows.flat()), offsets };
}

export function raggedF(rows: number[][]): Ragged<Float32Array> {
  const r = ragged(rows.map((row) => row.map(() => 0)));
  return { values: new Float32Array(rows.flat()), offsets: r.offsets };
}

export function raggedU8(rows: number[][]): Ragged<Uint8Array> {
  const r = ragged(rows.map((row) => row.map(() => 0)));
  return { values: new Uint8Array(rows.flat()), offsets: r.offsets };
}

export function rows<T extends Int32Array | Float32Array | Uint8Array>(r: Ragged<T>): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < r.offsets.length; i++) out.push(Array.from(r.values.subarray(r.offsets[i]!, r.offsets[i + 1]!)));
  return out;
}

export function maxAbsDiff(a: number[], b: number[]): number {
  if (a.length !== b.length) return Infinity;
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
}

const found = await findPython(null);
/** The Python with torch the tests run, or null. */
export const torchPython: string | null = isFound(found) ? found.python : null;

/** describe() when torch is there; otherwise a skipped (or, under HINTC_REQUIRE_TORCH=1, failing) stand-in. */
export function describeEngine(name: string, body: () => void): void {
  if (torchPython !== null) {
    describe(name, body);
    return;
  }
  const why = `needs a Python with torch: ${TORCH_INSTALL_HINT}`;
  if (process.env.HINTC_REQUIRE_TORCH === "1") {
    it(`${name} (${why})`, () => {
      throw new Error(`HINTC_REQUIRE_TORCH=1 but no Python imports torch; ${TORCH_INSTALL_HINT}`);
    });
  } else {
    it.skip(`${name} (${why})`, () => {});
  }
}
