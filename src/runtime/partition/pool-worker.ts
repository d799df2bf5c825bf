/**
 * A partition worker: loads the spec's tokenizer once, then measures texts and runs baseline partitions,
 * one message at a time (so one worker keeps one core busy, whatever the tokenizer does inside).
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadMeter, type BackendChoice, type Meter } from "../tokenize/meter.ts";
import type { TokenizerSpec } from "../tokenize/files.ts";
import { partitionBaseline } from "./partition.ts";
import type { PartitionIr } from "./types.ts";
import type { WorkerReply, WorkerRequest } from "./pool.ts";

const { spec, backend } = workerData as { spec: TokenizerSpec; backend: BackendChoice; module: string };
const port = parentPort!;

async function handle(meter: Meter, request: WorkerRequest): Promise<void> {
  try {
    if (request.op === "measure") {
      const ends = await meter.measure(request.text);
      port.postMessage({ id: request.id, ends } satisfies WorkerReply, [ends.buffer as ArrayBuffer]);
      return;
    }
    const result = partitionBaseline(request.text, await meter.lengths(request.text), request.partition as PartitionIr);
    // The steps are slices of the chain the caller already holds: send only the cuts back.
    const { steps: _steps, ...cuts } = "steps" in result ? result : { ...result, steps: undefined };
    port.postMessage({ id: request.id, partition: cuts } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ id: request.id, error: (error as Error).message } satisfies WorkerReply);
  }
}

try {
  const meter = await loadMeter(spec, backend);
  let queue = Promise.resolve();
  port.on("message", (request: WorkerRequest) => {
    queue = queue.then(() => handle(meter, request));
  });
  port.postMessage({ ready: meter.backend });
} catch (error) {
  port.postMessage({ failed: (error as Error).message });
}
