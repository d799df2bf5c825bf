/**
 * Finding the Python that runs the engine: the IR's train.engine.python, else $HINTC_PYTHON, else the first of
 * `python3` and `/usr/bin/python3` that imports torch. A Python named explicitly is used or refused, never
 * silently replaced by another.
 */
import { execFile } from "node:child_process";

/** The install line shown when no Python has torch (Debian/Ubuntu, CPU). */
export const TORCH_INSTALL_HINT = "apt-get install python3-torch libopenblas0-pthread";

export interface PythonFound {
  python: string;
  torchVersion: string;
  cuda: boolean;
}

export interface PythonMissing {
  /** Each candidate tried, with why it failed. */
  tried: Array<{ python: string; reason: string }>;
  /** True when the Python was named (IR or HINTC_PYTHON) rather than searched for. */
  explicit: boolean;
}

const PROBE = "import torch, sys; print(torch.__version__, int(torch.cuda.is_available()))";
const cache = new Map<string, Promise<PythonFound | string>>();

/** Whether python imports torch: its version and CUDA, or why not. Cached per process. */
export function probePython(python: string, env: NodeJS.ProcessEnv = process.env): Promise<PythonFound | string> {
  // A bare name resolves through PATH, so the PATH is part of the key.
  const key = `${python}\0${env.PATH ?? ""}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = new Promise((resolve) => {
      execFile(
        python,
        ["-c", PROBE],
        { env: { ...env, OPENBLAS_NUM_THREADS: "1" }, timeout: 120_000, encoding: "utf8" },
        (err, stdout, stderr) => {
          if (err) {
            const last = stderr.trim().split("\n").pop() ?? "";
            resolve((err as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : last || err.message);
            return;
          }
          const [version, cuda] = stdout.trim().split(/\s+/);
          resolve({ python, torchVersion: version ?? "?", cuda: cuda === "1" });
        },
      );
    });
    cache.set(key, hit);
  }
  return hit;
}

/** The engine's Python, or what was tried. */
export async function findPython(
  configured: string | null | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PythonFound | PythonMissing> {
  const named = configured ?? env.HINTC_PYTHON;
  const candidates = named ? [named] : ["python3", "/usr/bin/python3"];
  const tried: PythonMissing["tried"] = [];
  for (const python of candidates) {
    const got = await probePython(python, env);
    if (typeof got !== "string") return got;
    tried.push({ python, reason: got });
  }
  return { tried, explicit: Boolean(named) };
}

export function isFound(p: PythonFound | PythonMissing): p is PythonFound {
  return "python" in p;
}
