/**
 * hintc's entry: parses the command line, runs one command, and maps every outcome to an exit code.
 * The only place (with src/cli/) that prints or exits.
 */
import { Command, CommanderError } from "commander";
import type { CliCommand, CommandContext } from "./command.ts";
import { commands } from "./commands/index.ts";
import { EXIT, UsageError } from "./exit.ts";
import { processIo, type Io } from "./io.ts";
import { HINTC_VERSION } from "./version.ts";

const EXAMPLES = `
Examples:
  hintc check specs/stephint.hint          check a spec, print every diagnostic
  hintc compile examples/gsm8k/gsm8k.hint  build the data set the spec describes
  hintc compile spec.hint --emit ir        print the checked IR as JSON
  hintc fmt spec.hint --check              fail if the spec is not canonically formatted
  hintc inspect out/gsm8k.arrow            review a compiled data set
  hintc run examples/arith/stephint.hint   train with StepHint-style GRPO (--resume continues)
  hintc eval --base-url http://127.0.0.1:8000/v1 --model M -n 16 --k 1,16
                                           score a model on the bundled math benchmarks
  hintc export out/gsm8k.arrow --to verl   the data set in verl's schema, with its reward function
`;

/** Runs hintc with the given arguments (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo(interruptSignal())): Promise<number> {
  const context: CommandContext = { io, debug: argv.includes("--debug") };
  let exitCode: number = EXIT.ok;
  const program = buildProgram(context, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    return reportFailure(error, context);
  }
}

function buildProgram(context: CommandContext, setExit: (code: number) => void): Command {
  const { io } = context;
  const program = new Command("hintc")
    .description("Compile hint-guided RL data sets (StepHint and friends), train and evaluate on them.")
    .version(HINTC_VERSION, "-V, --version")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText("after", EXAMPLES)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const cli of commands) program.addCommand(toCommander(cli, context, setExit));
  return program;
}

function toCommander(cli: CliCommand, context: CommandContext, setExit: (code: number) => void): Command {
  const command = cli
    .configure(new Command(cli.name))
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr })
    .exitOverride();
  command.action(async (...args: unknown[]) => {
    // commander passes (...positionals, options, command); the command object is ours to drop.
    setExit(await cli.run(context, ...args.slice(0, -1)));
  });
  return command;
}

function reportFailure(error: unknown, context: CommandContext): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    context.io.stderr(`error: ${error.message}\n(run with --help for usage)\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  context.io.stderr(`internal error: ${message}\n`);
  context.io.stderr("This is a bug in hintc; please report it with the command you ran and this output.\n");
  if (context.debug && error instanceof Error && error.stack) context.io.stderr(`${error.stack}\n`);
  else context.io.stderr("(run again with --debug for a stack trace)\n");
  return EXIT.internal;
}

/** Aborted on the first Ctrl-C so work can stop cleanly; a second Ctrl-C exits at once. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once("SIGINT", () => {
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  return controller.signal;
}
