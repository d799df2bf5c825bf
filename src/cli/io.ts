/** The terminal as the CLI sees it, injectable so tests run commands in-process. */

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is a terminal: ink views and colour; else plain lines. */
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
    isTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    signal,
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(io: Io): boolean {
  return io.isTTY && !io.env["NO_COLOR"];
}
