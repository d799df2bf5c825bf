// The entry of a VerifierPool worker thread. Plain JavaScript on purpose: a worker does not inherit the
// TypeScript loader of the thread that started it (tsx from bin/hintc.js, vite under vitest), so it registers
// tsx itself and then loads the TypeScript worker module.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
