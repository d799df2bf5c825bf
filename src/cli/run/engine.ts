/** Starts the Python engine for `hintc run`, its stderr kept in RUN_DIR/engine.log. */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import type { Train } from "../../ir/index.ts";
import { EngineClient } from "../../trainer/protocol/client.ts";
import type { Engine, EngineConfig } from "../../trainer/protocol/engine.ts";

export function engineLauncher(env: NodeJS.ProcessEnv): (config: EngineConfig, engine: Train["engine"], runDir: string) => Promise<Engine> {
  return (config, engine, runDir) => {
    const log = join(runDir, "engine.log");
    return EngineClient.start(config, {
      python: engine.python,
      nproc: engine.nproc,
      torchrunArgs: engine.torchrun_args,
      env,
      onStderr: (line) => appendFileSync(log, `${line}\n`),
    });
  };
}
