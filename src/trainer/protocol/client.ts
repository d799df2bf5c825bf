/**
 * EngineClient: the `Engine` interface over a Python worker speaking specs/protocol.md on its stdio.
 *
 * One request is in flight at a time (calls queue). The worker runs in its own process group, so a Ctrl-C at the
 * terminal reaches only hintc, which can finish its step and save before shutting the engine down; if hintc dies,
 * the worker sees its stdin close and exits. A worker that exits, or does not answer within the op's timeout
 * (then it is killed), fails the pending call and every later one with an EngineError holding its stderr tail.
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { PROTOCOL_VERSION, type OpName } from "./ops.ts";
import { decodeFrame, encodeFrame, FrameError, FrameReader } from "./frame.ts";
import { engineCommand } from "./launch.ts";
import { findPython, isFound, TORCH_INSTALL_HINT } from "./python.ts";
import { StderrTail } from "./stderr-tail.ts";
import {
  EngineError,
  type Engine,
  type EngineConfig,
  type EngineInfo,
  type GenerateRequest,
  type GenerateResult,
  type Ragged,
  type SftBatch,
  type SftMetrics,
  type TrainBatch,
  type TrainMetrics,
} from "./engine.ts";

/** Per op, how long the worker may take to answer before it counts as hung (milliseconds). */
export const DEFAULT_TIMEOUTS_MS: Record<OpName, number> = {
  hello: 180_000,
  init: 1_800_000,
  tokenize: 120_000,
  decode: 120_000,
  generate: 3_600_000,
  logprobs: 1_800_000,
  score_end: 1_800_000,
  train_step: 3_600_000,
  sft_step: 3_600_000,
  save: 1_800_000,
  load: 1_800_000,
  shutdown: 60_000,
};

export interface EngineClientOptions {
  /** The IR's train.engine.python (null: search; see python.ts). */
  python?: string | null;
  /** Processes per node (IR train.engine.nproc); above 1 the worker is launched with torchrun. */
  nproc?: number;
  /** Extra torchrun options for runs across nodes (IR train.engine.torchrun_args). */
  torchrunArgs?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeouts?: Partial<Record<OpName, number>>;
  /** Called with each line the worker writes to stderr (for a log file); the client never prints. */
  onStderr?: (line: string) => void;
  /** Lines of stderr kept for error messages. */
  stderrLines?: number;
  /** Stops a start in progress: the worker is killed and `start` rejects (a model may take minutes to load). */
  signal?: AbortSignal;
}

type Body = Record<string, unknown>;
type Child = ChildProcessByStdio<Writable, Readable, Readable>;

interface Pending {
  op: OpName;
  id: number | null;
  resolve: (body: Body) => void;
  reject: (err: EngineError) => void;
  timer: NodeJS.Timeout;
}

export class EngineClient implements Engine {
  info!: EngineInfo;
  private readonly reader = new FrameReader();
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private failure: EngineError | null = null;
  private nextId = 1;
  private readonly closed: Promise<void>;

  private constructor(
    private readonly child: Child,
    private readonly tail: StderrTail,
    private readonly timeouts: Record<OpName, number>,
  ) {
    child.stdout.on("data", (chunk: Buffer) => this.onBytes(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => tail.push(text));
    child.stdin.on("error", () => {}); // EPIPE when the worker dies; the close handler reports it
    this.closed = new Promise((resolve) => {
      child.on("close", (code, signal) => {
        this.fail(new EngineError(exitMessage(code, signal, this.pending?.op), tail.text(), "died", this.pending?.op));
        resolve();
      });
    });
    child.on("error", (err) => this.fail(new EngineError(`cannot run the engine: ${err.message}`, tail.text(), "died")));
  }

  /** Starts the worker, checks its protocol version and sends init; resolves once the model is loaded. */
  static async start(config: EngineConfig, options: EngineClientOptions = {}): Promise<EngineClient> {
    const env = options.env ?? process.env;
    const found = await findPython(options.python, env);
    if (!isFound(found)) {
      const tried = found.tried.map((t) => `${t.python} (${t.reason})`).join(", ");
      throw new EngineError(`no Python that imports torch: tried ${tried}; install it with \`${TORCH_INSTALL_HINT}\``, "", "unavailable");
    }
    const cmd = engineCommand({
      python: found.python,
      nproc: options.nproc ?? 1,
      torchrunArgs: options.torchrunArgs ?? [],
      device: config.device,
      env,
    });
    const child = spawn(cmd.file, cmd.args, { env: cmd.env, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"], detached: true });
    const client = new EngineClient(child, new StderrTail(options.stderrLines ?? 40, 2000, options.onStderr), {
      ...DEFAULT_TIMEOUTS_MS,
      ...options.timeouts,
    });
    const stop = () => client.kill();
    options.signal?.addEventListener("abort", stop, { once: true });
    if (options.signal?.aborted) stop();
    try {
      const hello = await client.exchange("hello", null, null);
      const versions = Array.isArray(hello.protocols) ? hello.protocols : [];
      if (!versions.includes(PROTOCOL_VERSION)) {
        throw new EngineError(`the engine speaks protocol ${JSON.stringify(versions)}; hintc needs ${PROTOCOL_VERSION}`, client.tail.text(), "protocol");
      }
      client.info = (await client.call("init", { protocol: PROTOCOL_VERSION, config })) as unknown as EngineInfo;
    } catch (err) {
      client.kill();
      throw err;
    } finally {
      options.signal?.removeEventListener("abort", stop);
    }
    return client;
  }

  /** The worker's process id (its process group when launched with torchrun). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async tokenize(texts: string[]): Promise<Ragged<Int32Array>> {
    const body = await this.call("tokenize", { texts });
    return ragged(body.tokens, Int32Array, "tokens");
  }

  async decode(tokens: Ragged<Int32Array>): Promise<string[]> {
    const body = await this.call("decode", { tokens });
    return strings(body.texts, "texts");
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const body = await this.call("generate", request as unknown as Body);
    return {
      tokens: ragged(body.tokens, Int32Array, "tokens"),
      logprobs: ragged(body.logprobs, Float32Array, "logprobs"),
      prefix_logprobs: ragged(body.prefix_logprobs, Float32Array, "prefix_logprobs"),
      texts: strings(body.texts, "texts"),
      finish_reasons: strings(body.finish_reasons, "finish_reasons") as GenerateResult["finish_reasons"],
    };
  }

  async logprobs(tokens: Ragged<Int32Array>): Promise<Ragged<Float32Array>> {
    const body = await this.call("logprobs", { tokens });
    return ragged(body.logprobs, Float32Array, "logprobs");
  }

  async scoreEnd(tokens: Ragged<Int32Array>, candidates: Ragged<Int32Array>, end: number[]): Promise<Ragged<Float32Array>> {
    const body = await this.call("score_end", { tokens, candidates, end });
    return ragged(body.scores, Float32Array, "scores");
  }

  async trainStep(batch: TrainBatch): Promise<TrainMetrics> {
    return (await this.call("train_step", batch as unknown as Body)) as unknown as TrainMetrics;
  }

  async sftStep(batch: SftBatch): Promise<SftMetrics> {
    return (await this.call("sft_step", batch as unknown as Body)) as unknown as SftMetrics;
  }

  async save(dir: string): Promise<void> {
    await this.call("save", { dir });
  }

  async load(dir: string): Promise<void> {
    await this.call("load", { dir });
  }

  /** Asks the worker to stop and waits for it to exit (killing it if it does not within the shutdown timeout). */
  async shutdown(): Promise<void> {
    if (this.failure !== null) return;
    try {
      await this.call("shutdown", {});
    } finally {
      const timer = setTimeout(() => this.kill(), this.timeouts.shutdown);
      await this.closed;
      clearTimeout(timer);
      this.failure ??= new EngineError("the engine was shut down", "", "died");
    }
  }

  /** Kills the worker and its process group at once, and waits until it has exited. */
  async terminate(): Promise<void> {
    this.kill();
    await this.closed;
  }

  /** Kills the worker and its process group at once (no save). */
  kill(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {
      this.child.kill("SIGKILL");
    }
  }

  /** Sends one request after the previous one finished; resolves with the response body. */
  private call(op: OpName, body: Body): Promise<Body> {
    const run = this.queue.then(() => this.exchange(op, this.nextId++, body));
    this.queue = run.catch(() => {});
    return run;
  }

  private exchange(op: OpName, id: number | null, body: Body | null): Promise<Body> {
    if (this.failure !== null) {
      const f = this.failure;
      return Promise.reject(new EngineError(f.message, f.stderrTail, f.kind, f.op ?? op));
    }
    return new Promise<Body>((resolve, reject) => {
      const timeout = this.timeouts[op];
      const timer = setTimeout(() => this.onTimeout(op, timeout), timeout);
      this.pending = { op, id, resolve, reject, timer };
      if (body !== null) {
        let frame: Uint8Array;
        try {
          frame = encodeFrame({ kind: "request", id, op, body });
        } catch (err) {
          this.settle();
          reject(new EngineError(`${op}: cannot encode the request: ${(err as Error).message}`, "", "protocol", op));
          return;
        }
        this.child.stdin.write(frame);
      }
    });
  }

  private settle(): Pending | null {
    const p = this.pending;
    if (p !== null) clearTimeout(p.timer);
    this.pending = null;
    return p;
  }

  private onTimeout(op: OpName, ms: number): void {
    const msg = `the engine did not answer ${op} within ${Math.round(ms / 1000)} s; it was stopped`;
    this.fail(new EngineError(msg, this.tail.text(), "hung", op));
    this.kill();
  }

  private fail(err: EngineError): void {
    if (this.failure === null) this.failure = err;
    this.settle()?.reject(this.failure);
  }

  private onBytes(chunk: Buffer): void {
    let frames: Uint8Array[];
    try {
      frames = this.reader.push(chunk);
      for (const f of frames) this.onMessage(decodeFrame(f));
    } catch (err) {
      const why = err instanceof FrameError ? err.message : String(err);
      this.fail(new EngineError(`unreadable output from the engine: ${why}`, this.tail.text(), "protocol", this.pending?.op));
      this.kill();
    }
  }

  private onMessage(msg: Body): void {
    const p = this.pending;
    if (p === null) throw new FrameError(`a ${String(msg.kind)} frame arrived with no request waiting`);
    if (p.op === "hello") {
      if (msg.kind !== "hello") throw new FrameError(`expected the engine's hello, got a ${String(msg.kind)} frame`);
      this.settle();
      p.resolve(msg);
      return;
    }
    if (msg.id !== p.id) throw new FrameError(`answer for request ${String(msg.id)} while ${p.id} (${p.op}) waits`);
    this.settle();
    if (msg.kind === "response") {
      p.resolve((msg.body ?? {}) as Body);
      return;
    }
    const e = (msg.error ?? {}) as { type?: string; message?: string };
    const kind = e.type === "protocol" ? "protocol" : "reported";
    p.reject(new EngineError(`${p.op}: ${e.message ?? "unknown engine error"}`, this.tail.text(), kind, p.op));
  }
}

function exitMessage(code: number | null, signal: NodeJS.Signals | null, op: OpName | undefined): string {
  const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
  return op === undefined ? `the engine ${how}` : `the engine ${how} during ${op}`;
}

type TypedCtor<T> = { new (...args: never[]): T; name: string };

function ragged<T extends Int32Array | Float32Array | Uint8Array>(value: unknown, ctor: TypedCtor<T>, what: string): Ragged<T> {
  const r = (value ?? {}) as { values?: unknown; offsets?: unknown };
  if (!(r.values instanceof ctor) || !(r.offsets instanceof Int32Array)) {
    throw new EngineError(`the engine's ${what} is not a ragged ${ctor.name}`, "", "protocol");
  }
  return { values: r.values, offsets: r.offsets };
}

function strings(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new EngineError(`the engine's ${what} is not a list of strings`, "", "protocol");
  }
  return value;
}

