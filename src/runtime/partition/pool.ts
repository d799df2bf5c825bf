/**
 * A pool of partition workers. Every text is measured once, in a worker, and baseline partitions run there
 * too, beside their measure, so only the cuts come back.
 *
 * Two ways to measure, chosen when the pool opens:
 * - **pieces** (the tokenizer's split is replicated, tokenize/pre-tokenizer.ts): each worker splits texts
 *   and looks their pieces up in its own cache; the one copy of the library lives in this thread and
 *   measures only the pieces the workers have not seen (on libuv's thread pool, for the native binding).
 *   Memory holds one tokenizer however many workers run.
 * - **whole** (any other tokenizer, or code points): each worker loads the library and measures whole texts.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { TokenEnds } from "../tokenize/measure.ts";
import { loadMeter, TokenizerLoadError, type BackendChoice, type Meter } from "../tokenize/meter.ts";
import { tokenizerJsonText, type TokenizerSpec } from "../tokenize/files.ts";
import { splitConfig, type SplitJson } from "../tokenize/pre-tokenizer.ts";
import type { PieceCounts } from "../tokenize/piece-meter.ts";
import { sliceSteps } from "./partition.ts";
import type { Cuts, HostMessage, HostReply, WorkerBatch, WorkerData, WorkerReplies, WorkerReply, WorkerRequest } from "./pool-protocol.ts";
import type { PartitionIr, Rejected, Steps } from "./types.ts";

interface Pending {
  resolve: (value: TokenEnds | Cuts | PieceCounts | null) => void;
  reject: (error: Error) => void;
}
interface Slot {
  worker: Worker;
  /** Requests sent to this worker and not answered yet. */
  ids: Set<number>;
}

const BOOTSTRAP = fileURLToPath(new URL("./worker-bootstrap.mjs", import.meta.url));
const MODULE = new URL(import.meta.url.endsWith(".ts") ? "./pool-worker.ts" : "./pool-worker.js", import.meta.url).href;
/** Requests queued in each worker, so it never waits for the next batch. */
const DEPTH = 8;
/** Requests per message at most: two batches in flight per worker, one worked on while the next travels. */
const BATCH = DEPTH / 2;

export interface PoolOptions {
  /** Workers; default: every core. */
  threads?: number;
  backend?: BackendChoice;
}

export class PartitionPool {
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Array<{ request: WorkerRequest; pending: Pending }> = [];
  private nextId = 0;
  private closed = false;
  /** A pump is due in this turn's microtasks: requests submitted together go out together. */
  private pumpScheduled = false;

  private constructor(
    private readonly slots: Slot[],
    /** The tokenizer backend: "native", "js" or "chars". */
    readonly backend: Meter["backend"],
    /** The library that measures the pieces workers have not seen (pieces mode), or null. */
    private readonly host: Meter | null,
  ) {
    for (const slot of slots) {
      slot.worker.on("message", (message: WorkerReplies | HostMessage) => {
        if ("exact" in message) this.answer(slot, message);
        else this.settle(slot, message.replies);
      });
      slot.worker.on("error", (error) => this.fail(slot, error));
      slot.worker.on("exit", () => this.fail(slot, new Error("a partition worker exited")));
    }
  }

  /** Starts the workers and waits until each is ready to measure. Throws TokenizerLoadError. */
  static async open(spec: TokenizerSpec, options: PoolOptions = {}): Promise<PartitionPool> {
    const threads = Math.max(1, options.threads ?? availableParallelism());
    const backend = options.backend ?? "auto";
    const shared = await sharedLibrary(spec, backend);
    const workerData: WorkerData = shared === null
      ? { mode: "whole", spec, backend, module: MODULE }
      : { mode: "pieces", config: shared.config, module: MODULE };
    const workers = Array.from({ length: threads }, () => new Worker(BOOTSTRAP, { workerData }));
    const started = await Promise.allSettled(workers.map(waitReady));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed !== undefined) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw new TokenizerLoadError(spec.kind === "file" ? spec.label : "chars", (failed.reason as Error).message);
    }
    const loaded = shared?.library.backend ?? (started[0] as PromiseFulfilledResult<Meter["backend"]>).value;
    return new PartitionPool(workers.map((worker) => ({ worker, ids: new Set<number>() })), loaded, shared?.library ?? null);
  }

  get threads(): number {
    return this.slots.length;
  }

  /** "pieces" when workers split texts and cache pieces, "whole" when each measures whole texts. */
  get mode(): "pieces" | "whole" {
    return this.host === null ? "whole" : "pieces";
  }

  /** Where each token of the text ends (see tokenize/measure.ts). */
  measure(text: string): Promise<TokenEnds> {
    return this.submit({ id: this.nextId++, op: "measure", text }) as Promise<TokenEnds>;
  }

  /** A baseline partition (any method but adaptive), measured and cut in a worker. */
  async partition(chain: string, partition: PartitionIr): Promise<Steps | Rejected> {
    const cuts = (await this.submit({ id: this.nextId++, op: "partition", text: chain, partition })) as Cuts;
    if ("rejected" in cuts) return cuts;
    return { ...cuts, steps: sliceSteps(chain, cuts.boundaries) };
  }

  /** The piece caches' counts summed over the workers (null in whole mode). */
  async pieceCounts(): Promise<PieceCounts | null> {
    if (this.host === null) return null;
    const each = await Promise.all(this.slots.map(() => this.submit({ id: this.nextId++, op: "counts" }) as Promise<PieceCounts>));
    return each.reduce((a, b) => ({ pieces: a.pieces + b.pieces, hits: a.hits + b.hits, misses: a.misses + b.misses, wholeTexts: a.wholeTexts + b.wholeTexts }));
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error("the partition pool was closed");
    for (const p of this.pending.values()) p.reject(error);
    for (const { pending } of this.queue.splice(0)) pending.reject(error);
    this.pending.clear();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private submit(request: WorkerRequest): Promise<TokenEnds | Cuts | PieceCounts | null> {
    if (this.closed) return Promise.reject(new Error("the partition pool was closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, pending: { resolve, reject } });
      this.schedulePump();
    });
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Sends queued requests, in batches, to the workers with the fewest in hand. */
  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.reduce((a, b) => (b.ids.size < a.ids.size ? b : a));
      const room = Math.min(BATCH, DEPTH - slot.ids.size);
      if (room <= 0) return;
      const batch = this.queue.splice(0, room).map(({ request, pending }) => {
        this.pending.set(request.id, pending);
        slot.ids.add(request.id);
        return request;
      });
      slot.worker.postMessage({ batch } satisfies WorkerBatch);
    }
  }

  private settle(slot: Slot, replies: WorkerReply[]): void {
    for (const reply of replies) {
      const pending = this.pending.get(reply.id);
      if (pending === undefined) continue;
      this.pending.delete(reply.id);
      slot.ids.delete(reply.id);
      if ("error" in reply) pending.reject(new Error(reply.error));
      else pending.resolve("ends" in reply ? reply.ends : "partition" in reply ? reply.partition : reply.counts);
    }
    // After the callers' continuations have run, so the requests they submit in turn go out together.
    this.schedulePump();
  }

  /** A worker asks for the library's measure of pieces (or whole texts) its cache does not hold. */
  private answer(slot: Slot, message: HostMessage): void {
    this.host!.measureMany(message.texts).then(
      (ends) => {
        const buffers = [...new Set(ends.map((e) => e.buffer as ArrayBuffer))];
        if (!this.closed) slot.worker.postMessage({ exact: message.exact, ends } satisfies HostReply, buffers);
      },
      (error: Error) => {
        if (!this.closed) slot.worker.postMessage({ exact: message.exact, error: error.message } satisfies HostReply);
      },
    );
  }

  /** A worker that died takes its requests with it: they fail rather than hang. */
  private fail(slot: Slot, error: Error): void {
    if (this.closed) return;
    for (const id of slot.ids) {
      this.pending.get(id)?.reject(error);
      this.pending.delete(id);
    }
    slot.ids.clear();
  }
}

/**
 * The library this thread holds for the workers when the tokenizer's split is replicated (with the
 * configuration the workers split by), or null when each worker must measure whole texts itself.
 */
async function sharedLibrary(spec: TokenizerSpec, backend: BackendChoice): Promise<{ library: Meter; config: SplitJson } | null> {
  if (spec.kind === "chars") return null;
  let text: string;
  try {
    text = tokenizerJsonText(spec);
  } catch {
    return null; // the workers report the file's problem
  }
  const config = splitConfig(text);
  if ("unsupported" in config) return null;
  return { library: await loadMeter(spec, backend), config };
}

/** Waits for a worker's first message: the backend it loaded ("pieces" in pieces mode), or why it failed. */
function waitReady(worker: Worker): Promise<Meter["backend"] | "pieces"> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { ready?: Meter["backend"] | "pieces"; failed?: string }): void => {
      worker.off("error", reject);
      if (message.ready !== undefined) resolve(message.ready);
      else reject(new Error(message.failed ?? "the worker did not start"));
    };
    worker.once("message", onMessage);
    worker.once("error", reject);
  });
}
