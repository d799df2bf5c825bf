/** Runs hintc's main in-process with a fake terminal, capturing what it prints. */
import { main } from "../../src/cli/main.ts";
import type { Io } from "../../src/cli/io.ts";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** An Io that keeps what is written to it: each write to stdout in `out`, to stderr in `err`. */
export interface FakeIo extends Io {
  out: string[];
  err: string[];
}

export interface FakeIoOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Pretend to be a terminal (ink views, colour unless NO_COLOR). Default false: plain output. */
  isTTY?: boolean;
  signal?: AbortSignal;
}

export function fakeIo(options: FakeIoOptions = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    isTTY: options.isTTY ?? false,
    stdinIsTTY: false,
    env: options.env ?? {},
    cwd: options.cwd ?? "/",
    signal: options.signal ?? new AbortController().signal,
  };
}

/** `hintc ARGV…` with `cwd` as the working folder; not a TTY unless asked, so output is plain. */
export async function runHintc(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}, options: Omit<FakeIoOptions, "cwd" | "env"> = {}): Promise<Run> {
  const io = fakeIo({ ...options, cwd, env });
  const code = await main(argv, io);
  return { code, stdout: io.out.join(""), stderr: io.err.join("") };
}

/** True when the text holds a JavaScript stack trace (user errors must never show one). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[(:]\d+/.test(text) || /internal error/.test(text);
}
