/** Every hintc subcommand, in the order `hintc --help` lists them. */
import type { CliCommand } from "../command.ts";

export const commands: CliCommand[] = [];
