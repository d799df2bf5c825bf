/** The terminal as the CLI sees it, injectable so tests run commands in-process. */

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is a live terminal (not a CI runner's): ink views and colour; else plain lines. */
  isTTY: boolean;
  /** True when stdin is a terminal (interactive views need it). */
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C: long commands finish their unit of work and stop cleanly. */
  signal: AbortSignal;
}

/** The real process's terminal. */
export function processIo(signal: AbortSignal = new AbortController().signal): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: isLiveTerminal(process.stdout.isTTY === true, process.env),
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    signal,
  };
}

/**
 * A terminal someone watches: stdout is a TTY and no CI variable is set. CI runners that give a job a
 * pseudo-terminal keep a log, not a screen: redrawn views would fill it with escapes, so they get plain lines.
 * The test (CI or CONTINUOUS_INTEGRATION set and not "0" or "false") is the one ink uses for the same choice.
 */
export function isLiveTerminal(stdoutIsTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  const set = (name: string) => env[name] !== undefined && env[name] !== "0" && env[name] !== "false";
  return stdoutIsTTY && !set("CI") && !set("CONTINUOUS_INTEGRATION");
}

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(io: Io): boolean {
  return io.isTTY && !io.env["NO_COLOR"];
}
