/**
 * A partition worker: measures texts and runs baseline partitions. In pieces mode it splits texts as the
 * tokenizer does and measures them through a piece cache, asking the pool's library (in the parent thread)
 * for pieces it has not seen; batches are handled as they come, since waiting for the library leaves the
 * thread free. In whole mode it loads the library itself and handles one message at a time (so one
 * worker keeps one core busy, whatever the tokenizer does inside).
 */
import { parentPort, workerData } from "node:worker_threads";
import { asMeasured, measuredFromEnds, type Measured, type TokenEnds } from "../tokenize/measure.ts";
import { loadMeter, type Meter } from "../tokenize/meter.ts";
import { PieceMeter, type PieceCounts } from "../tokenize/piece-meter.ts";
import { SplitPlan } from "../tokenize/pre-tokenizer.ts";
import { partitionBaseline } from "./partition.ts";
import type { PartitionIr } from "./types.ts";
import type { HostMessage, HostReply, WorkerBatch, WorkerData, WorkerReplies, WorkerReply, WorkerRequest } from "./pool-protocol.ts";

const data = workerData as WorkerData;
const port = parentPort!;

/** What a request needs: every token end, or a measure for position queries; and the cache's counts. */
interface Measurer {
  measure(text: string): Promise<TokenEnds>;
  lengths(text: string): Promise<Measured>;
  counts(): PieceCounts | null;
}

/** A request's reply, with the buffers to transfer rather than copy. */
async function handle(meter: Measurer, request: WorkerRequest): Promise<{ reply: WorkerReply; transfer: ArrayBuffer[] }> {
  try {
    if (request.op === "counts") return { reply: { id: request.id, counts: meter.counts() }, transfer: [] };
    if (request.op === "measure") {
      const ends = await meter.measure(request.text);
      return { reply: { id: request.id, ends }, transfer: [ends.buffer as ArrayBuffer] };
    }
    const result = partitionBaseline(request.text, await meter.lengths(request.text), request.partition as PartitionIr);
    // The steps are slices of the chain the caller already holds: send only the cuts back.
    const { steps: _steps, ...cuts } = "steps" in result ? result : { ...result, steps: undefined };
    return { reply: { id: request.id, partition: cuts }, transfer: [] };
  } catch (error) {
    return { reply: { id: request.id, error: (error as Error).message }, transfer: [] };
  }
}

/** Answers a batch in one message. */
function answer(handled: Array<{ reply: WorkerReply; transfer: ArrayBuffer[] }>): void {
  port.postMessage({ replies: handled.map((h) => h.reply) } satisfies WorkerReplies, handled.flatMap((h) => h.transfer));
}

/** The piece meter, asking the parent thread for what its cache lacks. */
function piecesMeasurer(config: Extract<WorkerData, { mode: "pieces" }>["config"]): { measurer: Measurer; onReply: (reply: HostReply) => void } {
  const plan = SplitPlan.of(config);
  if ("unsupported" in plan) throw new Error(plan.unsupported);
  const waiting = new Map<number, { resolve: (ends: TokenEnds[]) => void; reject: (error: Error) => void }>();
  let next = 0;
  const meter = new PieceMeter(plan, (texts) => new Promise((resolve, reject) => {
    const exact = next++;
    waiting.set(exact, { resolve, reject });
    port.postMessage({ exact, texts } satisfies HostMessage);
  }));
  const onReply = (reply: HostReply): void => {
    const pending = waiting.get(reply.exact);
    waiting.delete(reply.exact);
    if ("error" in reply) pending?.reject(new Error(reply.error));
    else pending?.resolve(reply.ends);
  };
  const measurer: Measurer = {
    measure: (text) => meter.measure(text),
    lengths: async (text) => measuredFromEnds(await meter.measure(text)),
    counts: () => ({ ...meter.counts }),
  };
  return { measurer, onReply };
}

async function wholeMeasurer(spec: Extract<WorkerData, { mode: "whole" }>): Promise<{ measurer: Measurer; backend: Meter["backend"] }> {
  const meter = await loadMeter(spec.spec, spec.backend);
  const measurer: Measurer = {
    measure: (text) => meter.measure(text),
    lengths: async (text) => asMeasured(await meter.lengths(text)),
    counts: () => null,
  };
  return { measurer, backend: meter.backend };
}

try {
  if (data.mode === "pieces") {
    const { measurer, onReply } = piecesMeasurer(data.config);
    port.on("message", (message: WorkerBatch | HostReply) => {
      if ("exact" in message) onReply(message);
      else void Promise.all(message.batch.map((request) => handle(measurer, request))).then(answer);
    });
    port.postMessage({ ready: "pieces" });
  } else {
    const { measurer, backend } = await wholeMeasurer(data);
    let queue = Promise.resolve();
    port.on("message", ({ batch }: WorkerBatch) => {
      queue = queue.then(async () => {
        const handled = [];
        for (const request of batch) handled.push(await handle(measurer, request));
        answer(handled);
      });
    });
    port.postMessage({ ready: backend });
  }
} catch (error) {
  port.postMessage({ failed: (error as Error).message });
}
