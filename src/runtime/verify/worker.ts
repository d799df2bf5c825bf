/** The body of a VerifierPool worker: runs checkAnswer for each message and posts the verdict back. */
import { parentPort } from "node:worker_threads";
import { checkAnswer } from "./check.ts";
import { preloadParser } from "./mathjson.ts";
import type { WorkerReply, WorkerRequest } from "./pool.ts";

const port = parentPort;
if (port === null) throw new Error("worker.ts runs only as a worker thread");

// Load the LaTeX parser before saying ready, so no check's time limit pays for it.
preloadParser();
port.on("message", (request: WorkerRequest) => {
  const reply: WorkerReply = { id: request.id, verdict: checkAnswer(request.check, request.gold, request.response) };
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies WorkerReply);
