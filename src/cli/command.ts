/** What a subcommand provides: its commander definition and the function that runs it. */
import type { Command } from "commander";
import type { Io } from "./io.ts";

export interface CommandContext {
  io: Io;
  /** Print stack traces of internal errors. */
  debug: boolean;
}

export interface CliCommand {
  name: string;
  /**
   * Adds arguments and options to the commander command. The action is wired by main: `run` receives
   * commander's positional arguments followed by the options object, and returns the exit code.
   */
  configure(command: Command): Command;
  run(context: CommandContext, ...args: any[]): Promise<number>;
}
