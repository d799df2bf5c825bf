/**
 * The values the sources stage hands on: problems with their reference chains, and the context every
 * reader and generator runs in.
 */
import type { Diagnostic } from "../../diagnostics/index.ts";

/**
 * How a chain's text was given:
 * - `think`: the text holds a `</think>` (with or without the opening `<think>`, which R1-distill chat
 *   templates add themselves);
 * - `reasoning_field`: the reasoning came in a field of its own (DeepSeek's `reasoning_content`) and was
 *   placed before the content as `"<think>\n" + reasoning + "\n</think>\n" + content`;
 * - `plain`: a solution with no reasoning block.
 */
export type ChainShape = "think" | "reasoning_field" | "plain";

/** One reference chain. Its text is exactly as given (never trimmed), so offsets into it stay valid. */
export interface Chain {
  text: string;
  shape: ChainShape;
  /** The source's own correctness flag (`chain_correct`, e.g. OpenR1's correctness_math_verify); null: none. */
  flagged_correct: boolean | null;
  /**
   * The chain's number within its origin: the list index in the file's chain field (0 for a single
   * string), or the sample number of a generated chain. With `origin` it identifies the chain.
   */
  index: number;
  origin: "file" | "generated";
}

/** One problem with its ground-truth answer and its reference chains. */
export interface Problem {
  /** Given by the source's `id` field, or `p` + the first 16 hex digits of SHA-256(problem text). */
  id: string;
  /** The name of the source the problem belongs to. */
  source: string;
  problem: string;
  answer: string;
  chains: Chain[];
  /** The record's 0-based position in its file (before filtering). */
  row: number;
}

/** Where diagnostics go. Library code never prints: it hands each diagnostic to the sink. */
export type DiagnosticSink = (diagnostic: Diagnostic) => void;

/** A snapshot of a source's progress, for the CLI to render. Counts are totals so far. */
export interface SourceProgress {
  source: string;
  phase: "read" | "generate";
  /** Records read from the file (before filtering). */
  rowsRead: number;
  /** Problems handed on (after filter, limit and duplicates). */
  problems: number;
  duplicates: number;
  /** Records skipped: filtered out, malformed or missing a field. */
  skipped: number;
  /** How far through the file, when known (bytes for JSON formats, rows for Parquet). */
  done: number | null;
  total: number | null;
  requests: RequestCounts;
  tokens: { prompt: number; completion: number };
  /** Rows per second while reading; requests (sent or cached) per second while generating. */
  rate: number;
  /** Seconds left, when the total is known. */
  etaSeconds: number | null;
}

export interface RequestCounts {
  /** Requests answered successfully by the endpoint. */
  done: number;
  /** Requests answered from the on-disk cache (nothing sent). */
  cached: number;
  /** Requests given up after their retries. */
  failed: number;
  /** Attempts sent again after a 429, a 5xx, a timeout, a dropped connection or a malformed answer. */
  retries: number;
  /** Requests the run will need in all, when known (dry run or a limit). */
  planned: number | null;
}

/** Knobs for generation that are not part of the spec: tests and benchmarks shorten the waits. */
export interface GenerationTuning {
  /** First backoff delay; doubles each attempt (full jitter in [delay/2, delay]). Default 1000 ms. */
  backoffBaseMs?: number;
  /** Longest backoff or Retry-After wait honoured. Default 60 000 ms. */
  backoffMaxMs?: number;
  /** Problems in flight at once, awaiting their turn to be handed on in order. Default 8 × concurrency, at least 64. */
  window?: number;
  /** Random numbers for jitter; default Math.random. */
  random?: () => number;
  /** How many problems will come, when the caller knows (a dry run, a limit): gives progress an ETA. */
  expectedProblems?: number;
}

/** What every reader and generator runs with. */
export interface SourceContext {
  /** The spec's folder: paths in the IR (source files, cache_dir) are relative to it. */
  specDir: string;
  /** Environment for `{ env: NAME }` references; API keys are read from here and nowhere else. */
  env: Readonly<Record<string, string | undefined>>;
  /** Generation cache folder (the IR's cache_dir), relative to specDir unless absolute. */
  cacheDir: string;
  /** Stops reading and generation; iteration then throws the signal's reason. */
  signal?: AbortSignal;
  /** Called with progress snapshots (at most about ten a second, and once at the end of a phase). */
  onProgress?: (progress: SourceProgress) => void;
  /** Receives every diagnostic. */
  report: DiagnosticSink;
  generation?: GenerationTuning;
}
