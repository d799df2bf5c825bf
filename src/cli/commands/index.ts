/** Every hintc subcommand, in the order `hintc --help` lists them. */
import type { CliCommand } from "../command.ts";
import { verifyCommand } from "./verify.ts";

export const commands: CliCommand[] = [verifyCommand];
