// Plain JavaScript on purpose: a worker thread starts without tsx's loader, so this file registers it
// (when the worker module is TypeScript, i.e. hintc runs from source) and then imports the real module.
import { workerData } from "node:worker_threads";

if (workerData.module.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.module);
