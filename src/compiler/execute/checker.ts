/**
 * The chain verifier the executor uses: the verifier library's worker pool (src/runtime/verify), which runs
 * each reward check in a worker thread and enforces its `timeout_ms`, so a pathological answer cannot stall a
 * compile. Opened per compile, closed when it ends.
 */
import type { AnswerChecker } from "../../runtime/sources/index.ts";
import { VerifierPool } from "../../runtime/verify/pool.ts";

export interface OpenChecker {
  checker: AnswerChecker;
  close(): Promise<void>;
}

/** A verifier pool; `threads` defaults to the pool's own choice (the cores less one, at most 4). */
export async function openChecker(threads?: number): Promise<OpenChecker> {
  const pool = new VerifierPool(threads === undefined ? {} : { threads });
  return { checker: pool, close: () => pool.close() };
}
