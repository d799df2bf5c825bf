/**
 * A pool of partition workers, one per core by default, each holding the spec's tokenizer. Tokenizing is
 * the slowest part of a compile; every text is measured once, in a worker, and baseline partitions run
 * there too, beside their measure, so only the cuts come back.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { TokenEnds } from "../tokenize/measure.ts";
import { TokenizerLoadError, type BackendChoice, type Meter } from "../tokenize/meter.ts";
import type { TokenizerSpec } from "../tokenize/files.ts";
import { sliceSteps } from "./partition.ts";
import type { PartitionIr, Rejected, Steps } from "./types.ts";

export type WorkerRequest =
  | { id: number; op: "measure"; text: string }
  | { id: number; op: "partition"; text: string; partition: PartitionIr };
export type Cuts = Omit<Steps, "steps"> | Rejected;
export type WorkerReply = { id: number; ends: TokenEnds } | { id: number; partition: Cuts } | { id: number; error: string };

interface Pending {
  resolve: (value: TokenEnds | Cuts) => void;
  reject: (error: Error) => void;
}
interface Slot {
  worker: Worker;
  /** Requests sent to this worker and not answered yet. */
  ids: Set<number>;
}

const BOOTSTRAP = fileURLToPath(new URL("./worker-bootstrap.mjs", import.meta.url));
const MODULE = new URL(import.meta.url.endsWith(".ts") ? "./pool-worker.ts" : "./pool-worker.js", import.meta.url).href;
/** Messages queued in each worker, so it never waits for the next one. */
const DEPTH = 2;

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

  private constructor(
    private readonly slots: Slot[],
    /** The tokenizer backend the workers loaded: "native", "js" or "chars". */
    readonly backend: Meter["backend"],
  ) {
    for (const slot of slots) {
      slot.worker.on("message", (reply: WorkerReply) => this.settle(slot, reply));
      slot.worker.on("error", (error) => this.fail(slot, error));
      slot.worker.on("exit", () => this.fail(slot, new Error("a partition worker exited")));
    }
  }

  /** Starts the workers and waits until each has loaded the tokenizer. Throws TokenizerLoadError. */
  static async open(spec: TokenizerSpec, options: PoolOptions = {}): Promise<PartitionPool> {
    const threads = Math.max(1, options.threads ?? availableParallelism());
    const workerData = { spec, backend: options.backend ?? "auto", module: MODULE };
    const workers = Array.from({ length: threads }, () => new Worker(BOOTSTRAP, { workerData }));
    const started = await Promise.allSettled(workers.map(waitReady));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed !== undefined) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw new TokenizerLoadError(spec.kind === "file" ? spec.label : "chars", (failed.reason as Error).message);
    }
    const backend = (started[0] as PromiseFulfilledResult<Meter["backend"]>).value;
    return new PartitionPool(workers.map((worker) => ({ worker, ids: new Set<number>() })), backend);
  }

  get threads(): number {
    return this.slots.length;
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

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error("the partition pool was closed");
    for (const p of this.pending.values()) p.reject(error);
    for (const { pending } of this.queue.splice(0)) pending.reject(error);
    this.pending.clear();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private submit(request: WorkerRequest): Promise<TokenEnds | Cuts> {
    if (this.closed) return Promise.reject(new Error("the partition pool was closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, pending: { resolve, reject } });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.reduce((a, b) => (b.ids.size < a.ids.size ? b : a));
      if (slot.ids.size >= DEPTH) return;
      const { request, pending } = this.queue.shift()!;
      this.pending.set(request.id, pending);
      slot.ids.add(request.id);
      slot.worker.postMessage(request);
    }
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    slot.ids.delete(reply.id);
    if ("error" in reply) pending.reject(new Error(reply.error));
    else pending.resolve("ends" in reply ? reply.ends : reply.partition);
    this.pump();
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

function waitReady(worker: Worker): Promise<Meter["backend"]> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { ready?: Meter["backend"]; failed?: string }): void => {
      worker.off("error", reject);
      if (message.ready !== undefined) resolve(message.ready);
      else reject(new Error(message.failed ?? "the worker did not start"));
    };
    worker.once("message", onMessage);
    worker.once("error", reject);
  });
}
