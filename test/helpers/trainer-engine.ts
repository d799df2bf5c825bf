/**
 * The real Python engine for trainer tests: a tiny built-in model on CPU. Without a Python that imports torch
 * the tests are skipped with the install command, except in CI (HINTC_REQUIRE_TORCH=1), where they fail.
 */
import { findPython, isFound, TORCH_INSTALL_HINT } from "../../src/trainer/protocol/python.ts";
import { EngineClient } from "../../src/trainer/protocol/client.ts";
import type { EngineConfig } from "../../src/trainer/protocol/engine.ts";

/** Whether torch can be found; resolved once per test file. */
export async function torchAvailable(): Promise<boolean> {
  const found = await findPython(null);
  if (isFound(found)) return true;
  if (process.env.HINTC_REQUIRE_TORCH === "1") throw new Error(`no Python with torch (tried ${found.tried.map((t) => t.python).join(", ")}); install: ${TORCH_INSTALL_HINT}`);
  console.warn(`skipping engine tests: no Python with torch; install it with \`${TORCH_INSTALL_HINT}\``);
  return false;
}

/** The built-in model of test/helpers/ir.ts (arithmetic characters), seeded. */
export function tinyEngineConfig(seed = 1): EngineConfig {
  return {
    model: { kind: "builtin", config: { vocab: "0123456789+-*=;A", d_model: 32, layers: 1, heads: 2, max_len: 64 }, init: null },
    seed,
    device: "cpu",
    optimizer: { lr: 1e-3, weight_decay: 0, betas: [0.9, 0.999], grad_clip: 1 },
    reference_model: false,
  };
}

export function startTinyEngine(seed = 1): Promise<EngineClient> {
  return EngineClient.start(tinyEngineConfig(seed));
}
