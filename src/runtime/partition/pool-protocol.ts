/** The messages between the partition pool (pool.ts) and its workers (pool-worker.ts). */
import type { TokenEnds } from "../tokenize/measure.ts";
import type { BackendChoice } from "../tokenize/meter.ts";
import type { TokenizerSpec } from "../tokenize/files.ts";
import type { PieceCounts } from "../tokenize/piece-meter.ts";
import type { SplitJson } from "../tokenize/pre-tokenizer.ts";
import type { PartitionIr, Rejected, Steps } from "./types.ts";

/** How a worker measures: with the pool's library through a piece cache, or with a library of its own. */
export type WorkerData =
  | { mode: "pieces"; config: SplitJson; module: string }
  | { mode: "whole"; spec: TokenizerSpec; backend: BackendChoice; module: string };

/** The pool asks a worker. */
export type WorkerRequest =
  | { id: number; op: "measure"; text: string }
  | { id: number; op: "partition"; text: string; partition: PartitionIr }
  | { id: number; op: "counts" };

/**
 * Requests travel in batches and replies come back in batches: a message between threads costs tens of
 * microseconds on each side, as much as partitioning a chain whose pieces are all cached.
 */
export interface WorkerBatch {
  batch: WorkerRequest[];
}

/** A baseline partition without its steps (the pool slices them from the chain it holds). */
export type Cuts = Omit<Steps, "steps"> | Rejected;

/** A worker answers the pool. */
export type WorkerReply =
  | { id: number; ends: TokenEnds }
  | { id: number; partition: Cuts }
  | { id: number; counts: PieceCounts | null }
  | { id: number; error: string };

/** A worker answers a batch, in any order. */
export interface WorkerReplies {
  replies: WorkerReply[];
}

/** A worker (pieces mode) asks the pool's library to measure texts its cache does not hold. */
export interface HostMessage {
  exact: number;
  texts: string[];
}

/** The pool's library answers a worker. */
export type HostReply = { exact: number; ends: TokenEnds[] } | { exact: number; error: string };
