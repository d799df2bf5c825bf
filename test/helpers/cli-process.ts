/**
 * Runs the real `hintc` binary (bin/hintc.js) as a child process, for tests that kill it, interrupt it, or
 * kill its engine. Collects stdout lines and lets a test react to them as they arrive.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/hintc.js", import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code (or 128 + signal number when killed). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runCli(args: string[], cwd: string, onLine?: (line: string, run: CliRun) => void, env: NodeJS.ProcessEnv = {}): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const run: CliRun = { child, stdout: [], stderr: [], exit: undefined as never };
  let partial = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (text: string) => {
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      run.stdout.push(line);
      onLine?.(line, run);
    }
  });
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (text: string) => run.stderr.push(text));
  run.exit = new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  return run;
}

/** The process ids whose parent is `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the command (which is in parentheses and may hold spaces): state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** The command line of a process, or "" once it has ended. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}
