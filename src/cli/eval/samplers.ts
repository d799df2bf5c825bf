/**
 * The sampler an eval runs on: an OpenAI-compatible endpoint, or a local model in the engine (started here,
 * its stderr kept in `<out>/engine.log`; the sampler shuts it down when closed).
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/index.ts";
import { EndpointSampler, EngineSampler, modelFingerprint, type Sampler } from "../../runtime/eval/index.ts";
import type { SourceContext } from "../../runtime/sources/index.ts";
import { EngineClient, EngineError, engineErrorDiagnostic } from "../../trainer/protocol/index.ts";
import type { EvalOptions, EvalSetup } from "./settings.ts";

export type OpenedSampler = { ok: true; sampler: Sampler } | { ok: false; diagnostics: Diagnostic[] };

export async function openSampler(setup: EvalSetup, options: EvalOptions, ctx: SourceContext): Promise<OpenedSampler> {
  const choice = setup.model;
  if (choice.kind === "endpoint") {
    const samplesPerRequest = options.samplesPerRequest === undefined ? {} : { samplesPerRequest: Number(options.samplesPerRequest) };
    return { ok: true, sampler: new EndpointSampler(choice.endpoint, ctx, { api: options.api ?? "chat", ...samplesPerRequest }) };
  }
  // The engine resolves paths against its working folder: give it absolute ones.
  const model = choice.model.kind === "hf" ? { ...choice.model, path: resolve(setup.baseDir, choice.model.path) } : { ...choice.model, init: choice.model.init == null ? null : resolve(setup.baseDir, choice.model.init) };
  mkdirSync(setup.outDir, { recursive: true });
  const log = join(setup.outDir, "engine.log");
  try {
    const engine = await EngineClient.start(
      { model, seed: setup.sampling.seed, device: choice.device, optimizer: { lr: 0, weight_decay: 0, betas: [0.9, 0.999], grad_clip: 1 }, reference_model: false },
      { python: choice.python, env: ctx.env as NodeJS.ProcessEnv, onStderr: (line) => appendFileSync(log, `${line}\n`) },
    );
    const fingerprint = await modelFingerprint(model, setup.baseDir, setup.sampling.seed);
    return { ok: true, sampler: new EngineSampler(engine, model, { fingerprint, cacheDir: join(setup.cacheDir, "eval-engine") }) };
  } catch (error) {
    if (error instanceof EngineError) return { ok: false, diagnostics: [engineErrorDiagnostic(error)] };
    throw error;
  }
}

/** An engine failure during sampling as a diagnostic (null for anything else, which is a bug). */
export function samplerFailure(error: unknown): Diagnostic | null {
  return error instanceof EngineError ? engineErrorDiagnostic(error) : null;
}
