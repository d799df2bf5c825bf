/** Runs hintc's main in-process with a fake terminal, capturing what it prints. */
import { main } from "../../src/cli/main.ts";
import type { Io } from "../../src/cli/io.ts";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `hintc ARGV…` with `cwd` as the working folder; never a TTY, so output is plain. */
export async function runHintc(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
    stdinIsTTY: false,
    env,
    cwd,
    signal: new AbortController().signal,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** True when the text holds a JavaScript stack trace (user errors must never show one). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[(:]\d+/.test(text) || /internal error/.test(text);
}
