/** Every hintc subcommand, in the order `hintc --help` lists them. */
import type { CliCommand } from "../command.ts";
import { plotCommand } from "./plot.ts";

export const commands: CliCommand[] = [plotCommand];
