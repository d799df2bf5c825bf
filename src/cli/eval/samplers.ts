/**
 * The sampler an eval runs on: an OpenAI-compatible endpoint, or a local model in the engine (started here,
 * its stderr kept in `<out>/engine.log`; the sampler shuts it down when closed).
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../diagnostics/index.ts";
import { EndpointSampler, EngineSampler, modelFingerprint, type Sampler } from "../../runtime/eval/index.ts";
import type { SourceContext } from "../../runtime/sources/index.ts";
import { EngineClient, EngineError, engineErrorDiagnostic, modelWithAbsolutePaths } from "../../trainer/protocol/index.ts";
import type { EvalSetup } from "./settings.ts";

/** The sampler; a local engine starts only when a batch is not cached (its failures surface while sampling). */
export async function openSampler(setup: EvalSetup, ctx: SourceContext): Promise<Sampler> {
  const choice = setup.model;
  if (choice.kind === "endpoint") {
    const samplesPerRequest = choice.samplesPerRequest === null ? {} : { samplesPerRequest: choice.samplesPerRequest };
    return new EndpointSampler(choice.endpoint, ctx, { api: choice.api, ...samplesPerRequest });
  }
  // The engine resolves paths against its working folder: give it absolute ones.
  const model = modelWithAbsolutePaths(choice.model, setup.baseDir);
  const log = join(setup.outDir, "engine.log");
  mkdirSync(setup.outDir, { recursive: true });
  const start = () =>
    EngineClient.start(
      { model, seed: setup.sampling.seed, device: choice.device, optimizer: { lr: 0, weight_decay: 0, betas: [0.9, 0.999], grad_clip: 1 }, reference_model: false },
      { python: choice.python, env: ctx.env as NodeJS.ProcessEnv, onStderr: (line) => appendFileSync(log, `${line}\n`) },
    );
  const fingerprint = await modelFingerprint(model, setup.baseDir, setup.sampling.seed);
  return new EngineSampler(start, model, { fingerprint, cacheDir: join(setup.cacheDir, "eval-engine") });
}

/** An engine failure during sampling as a diagnostic (null for anything else, which is a bug). */
export function samplerFailure(error: unknown): Diagnostic | null {
  return error instanceof EngineError ? engineErrorDiagnostic(error) : null;
}
