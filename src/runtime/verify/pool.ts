/**
 * VerifierPool: runs reward checks in worker threads and enforces each check's `timeout_ms`. A check that runs
 * past its limit gets a "timeout" verdict, its worker is terminated and replaced, and the other checks go on.
 * Workers start on the first check and are reused; an idle pool does not keep the process alive.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RewardCheck } from "../../ir/index.ts";
import { DEFAULT_TIMEOUT_MS } from "./defaults.ts";
import { fromLastThinkClose } from "./extract.ts";
import { failed, timedOut, type Verdict } from "./verdict.ts";

/** A message to a worker. */
export interface WorkerRequest {
  id: number;
  check: RewardCheck;
  gold: unknown;
  response: unknown;
}

/** A message from a worker: ready once at start, then one verdict per request. */
export type WorkerReply = { ready: true; id?: undefined } | { id: number; verdict: Verdict; ready?: undefined };

export interface VerifierPoolOptions {
  /** Worker threads; default: the cores less one, at most 4 (checks are short; more threads rarely help). */
  threads?: number;
}

/** One item of checkMany. */
export interface CheckItem {
  check: RewardCheck;
  gold: unknown;
  response: unknown;
}

interface Task extends WorkerRequest {
  resolve(verdict: Verdict): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const BOOTSTRAP = new URL("./worker-bootstrap.js", import.meta.url);
/** Workers that die before they are ready this many times in a row mean they cannot start at all. */
const MAX_START_FAILURES = 3;

export class VerifierPool {
  private readonly threads: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private nextId = 0;
  private startFailures = 0;
  private closed = false;

  constructor(options: VerifierPoolOptions = {}) {
    const threads = options.threads ?? Math.min(4, Math.max(1, availableParallelism() - 1));
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    this.threads = threads;
  }

  /** Runs one check in a worker; resolves to its verdict (never rejects once the pool is open). */
  check(check: RewardCheck, gold: unknown, response: unknown): Promise<Verdict> {
    if (this.closed) return Promise.reject(new Error("VerifierPool.check called after close()"));
    return new Promise((resolve) => {
      // Every check ignores what comes before the last </think>: the worker is not sent the reasoning.
      const sent = typeof response === "string" ? fromLastThinkClose(response) : response;
      this.queue.push({ id: this.nextId++, check, gold, response: sent, resolve });
      this.pump();
    });
  }

  /** Runs many checks across the workers; the verdicts come back in the order of the items. */
  checkMany(items: readonly CheckItem[]): Promise<Verdict[]> {
    return Promise.all(items.map((item) => this.check(item.check, item.gold, item.response)));
  }

  /** Stops every worker. Checks still queued or running resolve with status "error". */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.resolve(failed("the verifier pool was closed before this check ran"));
    const stopping = [...this.slots].map((slot) => this.retire(slot, failed("the verifier pool was closed during this check")));
    await Promise.all(stopping);
  }

  /** Hands queued tasks to idle workers, starting workers up to the limit. */
  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.ready && slot.task === null) this.send(slot, this.queue.shift()!);
    }
    const starting = [...this.slots].filter((s) => !s.ready).length;
    let wanted = Math.min(this.queue.length - starting, this.threads - this.slots.size);
    while (wanted-- > 0) this.start();
  }

  private start(): void {
    const worker = new Worker(BOOTSTRAP);
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    this.slots.add(slot);
    // Referenced while it starts (work is waiting for it); unreferenced whenever it sits idle.
    worker.on("message", (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on("error", (error) => this.onDeath(slot, `the verifier worker failed: ${error.message}`));
    worker.on("exit", (code) => this.onDeath(slot, `the verifier worker exited with code ${code}`));
  }

  private send(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    const limit = timeoutOf(task.check);
    slot.timer = setTimeout(() => void this.retire(slot, timedOut(limit)), limit);
    try {
      slot.worker.postMessage({ id: task.id, check: task.check, gold: task.gold, response: task.response } satisfies WorkerRequest);
    } catch (error) {
      // Only values that cannot be copied to a thread (functions, symbols) end here.
      this.finish(slot, failed(`the check's input cannot be sent to a worker: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.ready) {
      slot.ready = true;
      this.startFailures = 0;
      this.pump();
      if (slot.task === null) slot.worker.unref();
    } else if (slot.task !== null && slot.task.id === reply.id) {
      this.finish(slot, reply.verdict);
    }
  }

  /** Resolves the slot's task and frees the slot for the next one. */
  private finish(slot: Slot, verdict: Verdict): void {
    const task = slot.task;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    task?.resolve(verdict);
    this.pump();
    if (slot.task === null) slot.worker.unref();
  }

  /** Ends a worker (timeout or close): its task gets `verdict`, and a replacement starts if work is queued. */
  private async retire(slot: Slot, verdict: Verdict): Promise<void> {
    if (!this.slots.delete(slot)) return;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.task?.resolve(verdict);
    slot.task = null;
    await slot.worker.terminate();
    this.pump();
  }

  private onDeath(slot: Slot, reason: string): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.task?.resolve(failed(reason));
    if (!slot.ready && ++this.startFailures >= MAX_START_FAILURES) {
      for (const task of this.queue.splice(0)) task.resolve(failed(`verifier workers cannot start: ${reason}`));
    }
    this.pump();
  }
}

/** The check's time limit in milliseconds (the default when the check has none or a bad one). */
function timeoutOf(check: RewardCheck): number {
  const limit = (check as { timeout_ms?: unknown } | null)?.timeout_ms;
  return typeof limit === "number" && Number.isFinite(limit) && limit >= 1 ? limit : DEFAULT_TIMEOUT_MS;
}
