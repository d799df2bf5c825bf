/**
 * Provenance: what produced a data set, stored as JSON under the schema-metadata key `hintc` (and as a Parquet
 * key-value pair). It holds no timestamps and no absolute paths, so the same inputs give byte-identical files.
 *
 * The counts and statistics are known only when the last row is written, but Arrow writes its schema (with the
 * metadata) first. So they are rendered into a slot of fixed size — padded with JSON whitespace — and the
 * writer overwrites that slot in place when it finishes (see `patch.ts`).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { HintIR, RewardCheck } from "../../ir/index.ts";
import { DATASET_SCHEMA_VERSION } from "./schema.ts";

/** An input data file, by the path the spec gives (relative to the spec), its size and its SHA-256. */
export interface InputFile {
  source: string;
  file: string;
  bytes: number;
  sha256: string;
}

/** What the compile read, rejected, dropped and wrote. Every field is a non-negative integer. */
export interface ProvenanceCounts {
  /** Records read from the sources' files (before filters; a limit stops reading early). */
  rows_read: number;
  /** Chains seen across all problems. */
  chains_read: number;
  /** Chains that failed verification or partitioning and were left out. */
  chains_rejected: number;
  /** Problems that ended with no usable chain, or were duplicates. */
  problems_dropped: number;
  problems_written: number;
  chains_written: number;
  rows_written: number;
}

export const COUNT_NAMES: readonly (keyof ProvenanceCounts)[] = [
  "rows_read",
  "chains_read",
  "chains_rejected",
  "problems_dropped",
  "problems_written",
  "chains_written",
  "rows_written",
];

/** The provenance JSON. Key order is fixed, so equal provenance serialises to equal bytes. */
export interface Provenance {
  format: "hintc-dataset";
  schema_version: number;
  hintc_version: string;
  /** The spec: its file name (no folder), the SHA-256 of its text, and the text itself. */
  spec: { file: string; sha256: string; text: string };
  inputs: InputFile[];
  /** The reward check the trainer scores rollouts with (also inside `ir`; here for readers that want only it). */
  reward: RewardCheck;
  ir: HintIR;
  counts: ProvenanceCounts;
  /** Statistics by stage (e.g. `partition`), as the stages summarise themselves. */
  stats: Record<string, unknown>;
}

/** Everything but the counts, known before the first row is written. */
export type ProvenanceHead = Omit<Provenance, "format" | "schema_version" | "counts" | "stats">;

/** Builds the head of a provenance record from the spec and the IR; the spec's folder is dropped. */
export function provenanceHead(args: {
  hintcVersion: string;
  specFile: string;
  specText: string;
  ir: HintIR;
  inputs: InputFile[];
}): ProvenanceHead {
  const file = args.specFile.split(/[\\/]/).pop() ?? args.specFile;
  return {
    hintc_version: args.hintcVersion,
    spec: { file, sha256: sha256Text(args.specText), text: args.specText },
    inputs: args.inputs,
    reward: args.ir.reward,
    ir: args.ir,
  };
}

/** Zero counts: what the slot holds until the writer finishes. */
export function zeroCounts(): ProvenanceCounts {
  return { rows_read: 0, chains_read: 0, chains_rejected: 0, problems_dropped: 0, problems_written: 0, chains_written: 0, rows_written: 0 };
}

/** What is known only when the last row is written: the counts and each stage's statistics. */
export interface ProvenanceTail {
  counts: ProvenanceCounts;
  /** Statistics by stage name (e.g. `partition`: steps per chain, step lengths, rejections), plain JSON. */
  stats: Record<string, unknown>;
}

/** Bytes reserved for the tail: the counts plus stage statistics, padded with JSON whitespace. */
export const TAIL_SLOT_BYTES = 8192;

/**
 * The tail as JSON members padded to exactly TAIL_SLOT_BYTES bytes, so it can be overwritten in place.
 * Non-ASCII is escaped so characters and bytes agree; statistics too large for the slot are replaced by a
 * note (`hintc inspect` recomputes the step statistics from the rows).
 */
export function renderTailSlot(tail: ProvenanceTail): string {
  for (const name of COUNT_NAMES) {
    const value = tail.counts[name];
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`provenance count ${name} must be a non-negative integer, got ${value}`);
  }
  const counts = Object.fromEntries(COUNT_NAMES.map((name) => [name, tail.counts[name]]));
  let text = asciiJson({ counts, stats: tail.stats });
  if (text.length > TAIL_SLOT_BYTES) text = asciiJson({ counts, stats: { omitted: "statistics too large for the provenance" } });
  // Drop the braces: these are members of the provenance object, which closes after the padding.
  const members = text.slice(1, -1);
  return members + " ".repeat(TAIL_SLOT_BYTES - members.length);
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The provenance JSON text, with the tail slot last. */
export function encodeProvenance(head: ProvenanceHead, tail: ProvenanceTail = { counts: zeroCounts(), stats: {} }): string {
  const body = {
    format: "hintc-dataset",
    schema_version: DATASET_SCHEMA_VERSION,
    hintc_version: head.hintc_version,
    spec: { file: head.spec.file, sha256: head.spec.sha256, text: head.spec.text },
    inputs: head.inputs.map((i) => ({ source: i.source, file: i.file, bytes: i.bytes, sha256: i.sha256 })),
    reward: head.reward,
    ir: head.ir,
  };
  const json = JSON.stringify(body);
  return `${json.slice(0, -1)},${renderTailSlot(tail)}}`;
}

/** Parses provenance JSON; undefined when it is not JSON or not a hintc provenance object. */
export function decodeProvenance(text: string): Provenance | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const p = value as Partial<Provenance>;
  if (p.format !== "hintc-dataset" || typeof p.schema_version !== "number" || typeof p.counts !== "object") return undefined;
  return p as Provenance;
}

export function sha256Text(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Streams a file through SHA-256 (input files may be gigabytes). */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { bytes, sha256: hash.digest("hex") };
}
