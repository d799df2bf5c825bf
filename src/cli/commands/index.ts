/** Every hintc subcommand, in the order `hintc --help` lists them. */
import type { CliCommand } from "../command.ts";
import { runDependencies } from "../run/deps.ts";
import { checkCommand } from "./check.ts";
import { compileCommand } from "./compile.ts";
import { evalCommand } from "./eval.ts";
import { exportCommand } from "./export.ts";
import { fmtCommand } from "./fmt.ts";
import { inspectCommand } from "./inspect.ts";
import { plotCommand } from "./plot.ts";
import { createRunCommand } from "./run.ts";
import { serveRewardsCommand } from "./serve-rewards.ts";
import { verifyCommand } from "./verify.ts";

export const commands: CliCommand[] = [
  checkCommand,
  compileCommand,
  fmtCommand,
  inspectCommand,
  createRunCommand(runDependencies),
  plotCommand,
  verifyCommand,
  evalCommand,
  exportCommand,
  serveRewardsCommand,
];
