/**
 * The reward service: verdicts over HTTP for trainers that run outside hintc (verl, TRL, OpenRLHF through the
 * reward functions `hintc export` writes). Built on node:http and the verifier pool, nothing else.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { CheckItem, Verdict } from "../verify/index.ts";
import { readBody } from "./body.ts";
import { type RequestError, parseVerifyRequest } from "./request.ts";

/** What runs the checks: a VerifierPool, or anything with its checkMany. */
export interface CheckRunner {
  checkMany(items: readonly CheckItem[]): Promise<Verdict[]>;
}

export interface RewardServiceOptions {
  runner: CheckRunner;
  /** Default 127.0.0.1: the service has no authentication, so it listens on loopback unless told otherwise. */
  host?: string;
  /** Default 8377; 0 picks a free port. */
  port?: number;
  /** Largest request body in bytes. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Most items in one request. Default 4,096. */
  maxBatch?: number;
  /** Largest per-check `timeout_ms` a request may ask for. Default 60,000. */
  maxTimeoutMs?: number;
  /** Reported by /health. */
  version?: string;
}

/** Counters since the service started. */
export interface ServiceStats {
  requests: number;
  /** Requests answered with a 4xx or 503. */
  refused: number;
  verdicts: number;
  /** Verify requests being checked right now. */
  inFlight: number;
  statuses: Record<Verdict["status"], number>;
}

export const DEFAULT_PORT = 8377;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_BATCH = 4096;
export const DEFAULT_MAX_TIMEOUT_MS = 60_000;

/** Routes, for 404 messages and the docs. */
export const ROUTES = ["POST /v1/verify", "GET /health"];

export type StartResult = { ok: true; service: RewardService } | { ok: false; diagnostic: Diagnostic };

export class RewardService {
  readonly host: string;
  readonly port: number;
  private draining = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly started = Date.now();
  private readonly counters: ServiceStats = {
    requests: 0,
    refused: 0,
    verdicts: 0,
    inFlight: 0,
    statuses: { correct: 0, wrong: 0, no_answer: 0, timeout: 0, error: 0 },
  };

  private constructor(
    private readonly server: Server,
    private readonly options: Required<Omit<RewardServiceOptions, "host" | "port">>,
    address: AddressInfo,
  ) {
    this.host = address.address;
    this.port = address.port;
  }

  /** Listens and resolves once it accepts connections; a port in use (or any listen failure) is HC7201. */
  static start(options: RewardServiceOptions): Promise<StartResult> {
    const host = options.host ?? "127.0.0.1";
    const port = options.port ?? DEFAULT_PORT;
    const settings = {
      runner: options.runner,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      maxBatch: options.maxBatch ?? DEFAULT_MAX_BATCH,
      maxTimeoutMs: options.maxTimeoutMs ?? DEFAULT_MAX_TIMEOUT_MS,
      version: options.version ?? "unknown",
    };
    const server = createServer({ keepAliveTimeout: 5_000, requestTimeout: 300_000 });
    return new Promise((resolve) => {
      server.once("error", (error: NodeJS.ErrnoException) => {
        const reason = error.code === "EADDRINUSE" ? "the port is in use" : error.message;
        resolve({ ok: false, diagnostic: diagnostic("HC7201", { host, port, reason }, { help: ["pick another port with --port, or 0 for any free one"] }) });
      });
      server.listen(port, host, () => {
        const service = new RewardService(server, settings, server.address() as AddressInfo);
        server.on("request", (req, res) => service.track(req, res));
        resolve({ ok: true, service });
      });
    });
  }

  /** The base URL clients use, e.g. http://127.0.0.1:8377. */
  get url(): string {
    const host = this.host.includes(":") ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  stats(): ServiceStats {
    return { ...this.counters, statuses: { ...this.counters.statuses } };
  }

  /**
   * Graceful shutdown: stops accepting connections, answers requests that arrive on open connections with
   * 503, lets every request already being checked finish and answer, then closes the remaining connections.
   * Does not close the runner (the caller owns it).
   */
  async close(): Promise<ServiceStats> {
    if (!this.draining) {
      this.draining = true;
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.server.closeIdleConnections();
      while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
      this.server.closeAllConnections();
      await closed;
    }
    return this.stats();
  }

  /** Runs a request, counted in flight until it has answered. A bug while handling it answers 500, never crashes. */
  private track(req: IncomingMessage, res: ServerResponse): void {
    const done: Promise<void> = this.handle(req, res)
      .catch((error: unknown) => {
        this.counters.refused++;
        if (res.headersSent) res.destroy();
        else send(res, 500, { error: { code: "internal", message: `a bug in hintc: ${error instanceof Error ? error.message : String(error)}` } });
      })
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counters.requests++;
    if (this.draining) return this.refuse(res, { status: 503, code: "HC7207", message: "the reward service is shutting down" });
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/health") return this.health(req, res);
    if (path !== "/v1/verify") {
      return this.refuse(res, { status: 404, code: "HC7206", message: `no route ${req.method} ${path} (routes: ${ROUTES.join(", ")})` });
    }
    if (req.method !== "POST") {
      return this.refuse(res, { status: 405, code: "HC7206", message: `/v1/verify takes POST, not ${req.method}` }, { allow: "POST" });
    }
    const body = await readBody(req, this.options.maxBodyBytes);
    if (!body.ok) {
      if (body.reason === "aborted") return;
      const message = `the body is larger than ${this.options.maxBodyBytes} bytes`;
      return this.refuse(res, { status: 413, code: "HC7203", message }, { connection: "close" });
    }
    const parsed = parseVerifyRequest(body.text, this.options);
    if (!parsed.ok) return this.refuse(res, parsed.error);
    this.counters.inFlight++;
    const verdicts = await this.options.runner.checkMany(parsed.items).finally(() => this.counters.inFlight--);
    this.counted(verdicts);
    send(res, 200, { verdicts }, this.draining ? CLOSE : {});
  }

  private health(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "GET") return this.refuse(res, { status: 405, code: "HC7206", message: `/health takes GET, not ${req.method}` }, { allow: "GET" });
    const { requests, verdicts } = this.counters;
    const uptime_s = Math.round((Date.now() - this.started) / 1000);
    const cpu = process.cpuUsage();
    // CPU time of the whole process (the verifier threads included), so load tests can compare efficiency.
    const cpu_seconds = (cpu.user + cpu.system) / 1e6;
    send(res, 200, { status: "ok", version: this.options.version, uptime_s, cpu_seconds, requests, verdicts, in_flight: this.counters.inFlight, max_batch: this.options.maxBatch, max_body_bytes: this.options.maxBodyBytes });
  }

  private counted(verdicts: readonly Verdict[]): void {
    this.counters.verdicts += verdicts.length;
    for (const v of verdicts) this.counters.statuses[v.status]++;
  }

  private refuse(res: ServerResponse, error: RequestError, headers: Record<string, string> = {}): void {
    this.counters.refused++;
    send(res, error.status, { error: { code: error.code, message: error.message } }, { ...(this.draining ? CLOSE : {}), ...headers });
  }
}

/** Sent while draining, so clients open a new connection (to a restarted service) for their next request. */
const CLOSE: Record<string, string> = { connection: "close" };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
