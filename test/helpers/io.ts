/** A fake terminal for running CLI commands in-process: collects stdout and stderr. */
import type { Io } from "../../src/cli/io.ts";

export interface FakeIo extends Io {
  out: string[];
  err: string[];
  controller: AbortController;
}

export function fakeIo(
  cwd: string,
  options: { isTTY?: boolean; env?: NodeJS.ProcessEnv; onStdout?: (text: string, io: FakeIo) => void } = {},
): FakeIo {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  const io: FakeIo = {
    out,
    err,
    controller,
    stdout: (text) => {
      out.push(text);
      options.onStdout?.(text, io);
    },
    stderr: (text) => void err.push(text),
    isTTY: options.isTTY ?? false,
    stdinIsTTY: false,
    env: options.env ?? { ...process.env, NO_COLOR: "1" },
    cwd,
    signal: controller.signal,
  };
  return io;
}
