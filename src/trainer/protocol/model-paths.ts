/** The model's paths for the engine, which resolves paths against its own working folder. */
import { resolve } from "node:path";
import type { Model } from "../../ir/index.ts";

/** The model with its folder (`hf` path, built-in `init`) made absolute from `baseDir` (the spec's folder). */
export function modelWithAbsolutePaths(model: Model, baseDir: string): Model {
  if (model.kind === "hf") return { ...model, path: resolve(baseDir, model.path) };
  return model.init ? { ...model, init: resolve(baseDir, model.init) } : model;
}
