/**
 * The command line that starts the engine: `python -m engine` for one process, and torchrun (through
 * engine.launch, which works around a torchrun bug of torch 1.13 on Python 3.11) for several, where rank 0
 * speaks the protocol on the inherited stdio and the other ranks follow it.
 */
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding the `engine` Python package (src/trainer). */
export const ENGINE_PYTHONPATH = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

export interface LaunchSpec {
  python: string;
  /** Processes per node; above 1, torchrun starts them. */
  nproc: number;
  /** Extra torchrun options (--nnodes, --node_rank, --rdzv_endpoint, ...). Without any, --standalone. */
  torchrunArgs: string[];
  device: "auto" | "cpu" | "cuda";
  env: NodeJS.ProcessEnv;
}

export interface Command {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export function engineCommand(spec: LaunchSpec): Command {
  const env: NodeJS.ProcessEnv = {
    ...spec.env,
    PYTHONPATH: [ENGINE_PYTHONPATH, spec.env.PYTHONPATH].filter(Boolean).join(delimiter),
    PYTHONUNBUFFERED: "1",
    OPENBLAS_NUM_THREADS: spec.env.OPENBLAS_NUM_THREADS ?? "1",
    HINTC_ENGINE_DEVICE: spec.device,
  };
  if (spec.nproc <= 1 && spec.torchrunArgs.length === 0) {
    return { file: spec.python, args: ["-m", "engine"], env };
  }
  const rendezvous = spec.torchrunArgs.length > 0 ? spec.torchrunArgs : ["--standalone"];
  const args = ["-m", "engine.launch", "--nproc_per_node", String(spec.nproc), "--monitor_interval", "0.5"];
  return { file: spec.python, args: [...args, ...rendezvous, "-m", "engine"], env };
}
