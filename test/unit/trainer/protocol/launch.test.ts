import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { engineCommand, ENGINE_PYTHONPATH } from "../../../../src/trainer/protocol/launch.ts";

const base = { python: "/usr/bin/python3", torchrunArgs: [], device: "cpu" as const, env: { PYTHONPATH: "/opt/x" } };

describe("engineCommand", () => {
  it("points PYTHONPATH at the folder that holds the engine package", () => {
    expect(existsSync(`${ENGINE_PYTHONPATH}/engine/__main__.py`)).toBe(true);
    const cmd = engineCommand({ ...base, nproc: 1 });
    expect(cmd.file).toBe("/usr/bin/python3");
    expect(cmd.args).toEqual(["-m", "engine"]);
    expect(cmd.env.PYTHONPATH).toBe(`${ENGINE_PYTHONPATH}:/opt/x`);
    expect(cmd.env.OPENBLAS_NUM_THREADS).toBe("1");
    expect(cmd.env.HINTC_ENGINE_DEVICE).toBe("cpu");
  });

  it("launches several processes through torchrun, standalone unless rendezvous options are given", () => {
    const local = engineCommand({ ...base, nproc: 4 });
    expect(local.args).toEqual(["-m", "engine.launch", "--nproc_per_node", "4", "--monitor_interval", "0.5", "--standalone", "-m", "engine"]);
    const multi = engineCommand({ ...base, nproc: 8, torchrunArgs: ["--nnodes", "2", "--rdzv_endpoint", "head:29500"] });
    expect(multi.args.slice(6)).toEqual(["--nnodes", "2", "--rdzv_endpoint", "head:29500", "-m", "engine"]);
  });
});
