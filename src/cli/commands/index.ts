/** Every hintc subcommand, in the order `hintc --help` lists them. */
import type { CliCommand } from "../command.ts";
import { runDependencies } from "../run/deps.ts";
import { plotCommand } from "./plot.ts";
import { createRunCommand } from "./run.ts";
import { verifyCommand } from "./verify.ts";

export const commands: CliCommand[] = [createRunCommand(runDependencies), plotCommand, verifyCommand];
