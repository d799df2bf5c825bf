/**
 * `hintc serve-rewards`: hintc's verifiers as an HTTP JSON service, for trainers that run elsewhere (the
 * reward functions `hintc export` writes call it). Runs until SIGINT or SIGTERM, then drains: requests
 * already being checked finish and answer, new ones are refused, and the command exits 0.
 */
import type { Command } from "commander";
import { diagnosticToJson, renderDiagnostic } from "../../diagnostics/index.ts";
import { DEFAULT_MAX_BATCH, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_TIMEOUT_MS, DEFAULT_PORT, RewardService, type ServiceStats } from "../../runtime/serve/index.ts";
import { VerifierPool } from "../../runtime/verify/index.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { EXIT, UsageError } from "../exit.ts";
import { useColor } from "../io.ts";
import { HINTC_VERSION } from "../version.ts";

interface Options {
  host: string;
  port: string;
  threads?: string;
  maxBatch: string;
  maxBodyMb: string;
  maxTimeoutMs: string;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  hintc serve-rewards                          listen on http://127.0.0.1:${DEFAULT_PORT}
  hintc serve-rewards --port 0 --json          any free port; print where as JSON
  curl -s localhost:${DEFAULT_PORT}/v1/verify -d '{"items": [{"gold": "1/2", "response": "\\\\boxed{0.5}"}]}'
`;

export const serveRewardsCommand: CliCommand = {
  name: "serve-rewards",
  configure: (command: Command) =>
    command
      .description("serve hintc's reward checks over HTTP JSON (POST /v1/verify, GET /health) until SIGINT/SIGTERM")
      .option("--host <host>", "the address to listen on (no authentication: keep it on loopback unless a firewall guards it)", "127.0.0.1")
      .option("--port <n>", "the port (0: any free port)", String(DEFAULT_PORT))
      .option("--threads <n>", "verifier worker threads (default: cores less one, at most 4)")
      .option("--max-batch <n>", "most items in one request", String(DEFAULT_MAX_BATCH))
      .option("--max-body-mb <n>", "largest request body in MiB", String(DEFAULT_MAX_BODY_BYTES / 1024 / 1024))
      .option("--max-timeout-ms <n>", "largest per-check time limit a request may ask for", String(DEFAULT_MAX_TIMEOUT_MS))
      .option("--json", "print the address and the closing summary as JSON lines")
      .addHelpText("after", EXAMPLES),
  run: (context: CommandContext, options: Options) => serve(context, options),
};

async function serve(context: CommandContext, options: Options): Promise<number> {
  const { io } = context;
  const port = integer(options.port, "--port", 0);
  if (port > 65_535) throw new UsageError(`--port must be at most 65535, got ${options.port}`);
  const pool = new VerifierPool(options.threads === undefined ? {} : { threads: integer(options.threads, "--threads", 1) });
  const started = await RewardService.start({
    runner: pool,
    host: options.host,
    port,
    maxBatch: integer(options.maxBatch, "--max-batch", 1),
    maxBodyBytes: Math.round(positive(options.maxBodyMb, "--max-body-mb") * 1024 * 1024),
    maxTimeoutMs: integer(options.maxTimeoutMs, "--max-timeout-ms", 1),
    version: HINTC_VERSION,
  });
  if (!started.ok) {
    await pool.close();
    if (options.json) io.stdout(`${JSON.stringify({ diagnostic: diagnosticToJson(started.diagnostic, () => undefined) })}\n`);
    else io.stderr(`${renderDiagnostic(started.diagnostic, () => undefined, { color: useColor(io) })}\n`);
    return EXIT.input;
  }
  const service = started.service;
  if (options.json) io.stdout(`${JSON.stringify({ listening: service.url, host: service.host, port: service.port, version: HINTC_VERSION })}\n`);
  else io.stdout(`hintc serve-rewards: listening on ${service.url} (POST /v1/verify, GET /health); Ctrl-C or SIGTERM stops it\n`);
  const signal = await stopSignal(io.signal);
  if (!options.json) io.stderr(`hintc serve-rewards: ${signal}: finishing requests in flight, refusing new ones\n`);
  const stats = await service.close();
  await pool.close();
  if (options.json) io.stdout(`${JSON.stringify({ stopped: signal, ...stats })}\n`);
  else io.stdout(`hintc serve-rewards: stopped; ${summary(stats)}\n`);
  return EXIT.ok;
}

/** Resolves with the name of what stopped the service: Ctrl-C (the CLI's abort signal) or SIGTERM. */
function stopSignal(interrupt: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const onTerm = () => finish("SIGTERM");
    const onInterrupt = () => finish("SIGINT");
    function finish(name: string): void {
      process.off("SIGTERM", onTerm);
      interrupt.removeEventListener("abort", onInterrupt);
      resolve(name);
    }
    if (interrupt.aborted) return finish("SIGINT");
    process.once("SIGTERM", onTerm);
    interrupt.addEventListener("abort", onInterrupt, { once: true });
  });
}

function summary(stats: ServiceStats): string {
  const s = stats.statuses;
  return `${stats.requests} requests (${stats.refused} refused), ${stats.verdicts} verdicts: ${s.correct} correct, ${s.wrong} wrong, ${s.no_answer} no answer, ${s.timeout} timeout, ${s.error} error`;
}

function integer(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer ≥ ${min}, got ${text}`);
  return n;
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a number > 0, got ${text}`);
  return n;
}
