/**
 * The wire format of specs/protocol.md: length-prefixed frames of a JSON header plus typed arrays.
 *
 * ```
 * 0   "HCF1"        magic
 * 4   u32 LE        H: JSON header length in bytes
 * 8   u64 LE        P: array payload length in bytes (a multiple of 8)
 * 16  H bytes       UTF-8 JSON, padded with spaces to a multiple of 8
 * ..  P bytes       the arrays, each at an 8-byte aligned offset of the payload
 * ```
 *
 * In the JSON a typed array is `{"$a": k}`, the k-th entry of the header's `arrays` table
 * (`{dtype, offset, length}`), and a non-finite number is `{"$f": "nan" | "inf" | "-inf"}` because JSON has none.
 * Decoded arrays are views into the frame's own buffer: no copy, and aligned because each frame gets a fresh one.
 */

export const MAGIC = "HCF1";
export const PREFIX_BYTES = 16;
/** Frames above this size are refused (a corrupt prefix must not allocate gigabytes). */
export const MAX_FRAME_BYTES = 2 ** 32 - 1;

export type WireArray = Int32Array | Float32Array | Uint8Array | Float64Array | BigInt64Array;
export type DType = "i32" | "f32" | "u8" | "f64" | "i64";

/** A frame that does not follow the format. */
export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrameError";
  }
}

const MAGIC_BYTES = new TextEncoder().encode(MAGIC);
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

function dtypeOf(a: WireArray): DType {
  if (a instanceof Int32Array) return "i32";
  if (a instanceof Float32Array) return "f32";
  if (a instanceof Uint8Array) return "u8";
  if (a instanceof Float64Array) return "f64";
  return "i64";
}

const CONSTRUCTORS = {
  i32: Int32Array,
  f32: Float32Array,
  u8: Uint8Array,
  f64: Float64Array,
  i64: BigInt64Array,
} as const;

function isWireArray(v: unknown): v is WireArray {
  return (
    v instanceof Int32Array ||
    v instanceof Float32Array ||
    v instanceof Uint8Array ||
    v instanceof Float64Array ||
    v instanceof BigInt64Array
  );
}

const pad8 = (n: number): number => (n + 7) & ~7;

/** Replaces typed arrays and non-finite numbers inside value by their JSON stand-ins, collecting the arrays. */
function extract(value: unknown, arrays: WireArray[]): unknown {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return { $f: Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf" };
  }
  if (value === null || typeof value !== "object") return value;
  if (isWireArray(value)) {
    arrays.push(value);
    return { $a: arrays.length - 1 };
  }
  if (Array.isArray(value)) return value.map((v) => extract(v, arrays));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = extract(v, arrays);
  return out;
}

/** One frame holding message, a JSON-able object with typed arrays anywhere inside it. */
export function encodeFrame(message: Record<string, unknown>): Uint8Array {
  const arrays: WireArray[] = [];
  const head = extract(message, arrays) as Record<string, unknown>;
  const table: Array<{ dtype: DType; offset: number; length: number }> = [];
  let payload = 0;
  for (const a of arrays) {
    table.push({ dtype: dtypeOf(a), offset: payload, length: a.length });
    payload += pad8(a.byteLength);
  }
  head.arrays = table;
  const text = encoder.encode(JSON.stringify(head));
  const total = PREFIX_BYTES + pad8(text.length) + payload;
  if (total > MAX_FRAME_BYTES) throw new FrameError(`a frame of ${total} bytes exceeds the limit of ${MAX_FRAME_BYTES}`);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC_BYTES, 0);
  view.setUint32(4, text.length, true);
  view.setBigUint64(8, BigInt(payload), true);
  out.set(text, PREFIX_BYTES);
  out.fill(0x20, PREFIX_BYTES + text.length, PREFIX_BYTES + pad8(text.length));
  const base = PREFIX_BYTES + pad8(text.length);
  arrays.forEach((a, i) => {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), base + table[i]!.offset);
  });
  return out;
}

/** Reads the 16-byte prefix: header and payload lengths, after checking the magic. */
export function readPrefix(bytes: Uint8Array): { headerBytes: number; payloadBytes: number; total: number } {
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== MAGIC_BYTES[i]) {
      const shown = JSON.stringify(new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 32))));
      throw new FrameError(`bad frame magic (the stream starts with ${shown}): not a hintc engine frame`);
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, PREFIX_BYTES);
  const headerBytes = view.getUint32(4, true);
  const payload = view.getBigUint64(8, true);
  const total = BigInt(PREFIX_BYTES + pad8(headerBytes)) + payload;
  if (payload % 8n !== 0n || total > BigInt(MAX_FRAME_BYTES)) {
    throw new FrameError(`bad frame lengths: header ${headerBytes} bytes, payload ${payload} bytes`);
  }
  return { headerBytes, payloadBytes: Number(payload), total: Number(total) };
}

function insert(value: unknown, arrays: WireArray[]): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => insert(v, arrays));
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === "$a") {
    const k = obj.$a;
    if (typeof k !== "number" || !Number.isInteger(k) || k < 0 || k >= arrays.length) {
      throw new FrameError(`array reference ${JSON.stringify(k)} out of range`);
    }
    return arrays[k];
  }
  if (keys.length === 1 && keys[0] === "$f") {
    const f = obj.$f;
    if (f === "nan") return Number.NaN;
    if (f === "inf") return Number.POSITIVE_INFINITY;
    if (f === "-inf") return Number.NEGATIVE_INFINITY;
    throw new FrameError(`bad number stand-in ${JSON.stringify(f)}`);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = insert(obj[k], arrays);
  return out;
}

function arrayTable(head: Record<string, unknown>, payload: Uint8Array): WireArray[] {
  const table = head.arrays ?? [];
  delete head.arrays;
  if (!Array.isArray(table)) throw new FrameError("the header's arrays table is not a list");
  return table.map((entry: unknown) => {
    const { dtype, offset, length } = (entry ?? {}) as { dtype?: unknown; offset?: unknown; length?: unknown };
    if (typeof dtype !== "string" || !(dtype in CONSTRUCTORS)) throw new FrameError(`bad array dtype ${JSON.stringify(dtype)}`);
    if (!Number.isInteger(offset) || !Number.isInteger(length) || (offset as number) % 8 !== 0) {
      throw new FrameError(`bad array entry ${JSON.stringify(entry)}`);
    }
    const Ctor = CONSTRUCTORS[dtype as DType];
    const start = offset as number;
    const n = length as number;
    if (start < 0 || n < 0 || start + n * Ctor.BYTES_PER_ELEMENT > payload.byteLength) {
      throw new FrameError(`array entry ${JSON.stringify(entry)} does not fit a payload of ${payload.byteLength} bytes`);
    }
    return new Ctor(payload.buffer as ArrayBuffer, payload.byteOffset + start, n);
  });
}

/** The message of one whole frame; its typed arrays view the frame's bytes. */
export function decodeFrame(frame: Uint8Array): Record<string, unknown> {
  if (frame.byteLength < PREFIX_BYTES) throw new FrameError(`a frame of ${frame.byteLength} bytes is shorter than its prefix`);
  // Typed arrays need aligned offsets; a frame handed in at an odd place is copied once.
  const bytes = frame.byteOffset % 8 === 0 ? frame : frame.slice();
  const { headerBytes, total } = readPrefix(bytes);
  if (bytes.byteLength !== total) throw new FrameError(`frame is ${bytes.byteLength} bytes, its prefix says ${total}`);
  let head: unknown;
  try {
    head = JSON.parse(decoder.decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes)));
  } catch (err) {
    throw new FrameError(`bad frame header: ${(err as Error).message}`);
  }
  if (head === null || typeof head !== "object" || Array.isArray(head)) throw new FrameError("the frame header is not a JSON object");
  const payload = bytes.subarray(PREFIX_BYTES + pad8(headerBytes));
  const arrays = arrayTable(head as Record<string, unknown>, payload);
  return insert(head, arrays) as Record<string, unknown>;
}

/**
 * Cuts a byte stream into whole frames. Chunks may split a frame anywhere (even its prefix); a large frame is
 * copied once into a buffer of its final size rather than re-concatenated per chunk.
 */
export class FrameReader {
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private frame: Uint8Array | null = null;
  private filled = 0;

  /** The frames completed by this chunk, in order. Throws FrameError on a malformed stream. */
  push(chunk: Uint8Array): Uint8Array[] {
    const done: Uint8Array[] = [];
    let rest = chunk;
    for (;;) {
      if (this.frame === null) {
        if (rest.byteLength === 0) break;
        rest = this.fillPrefix(rest);
        if (this.frame === null) break;
      }
      const frame: Uint8Array = this.frame;
      const take = Math.min(rest.byteLength, frame.byteLength - this.filled);
      frame.set(rest.subarray(0, take), this.filled);
      this.filled += take;
      rest = rest.subarray(take);
      if (this.filled === frame.byteLength) {
        done.push(frame);
        this.frame = null;
        this.filled = 0;
      } else if (rest.byteLength === 0) {
        break;
      }
    }
    return done;
  }

  /** Bytes held of a frame not yet complete. */
  get pending(): number {
    return this.frame === null ? this.headBytes : this.filled;
  }

  private fillPrefix(chunk: Uint8Array): Uint8Array {
    const need = PREFIX_BYTES - this.headBytes;
    const part = chunk.subarray(0, need);
    this.head.push(part);
    this.headBytes += part.byteLength;
    if (this.headBytes < PREFIX_BYTES) return chunk.subarray(part.byteLength);
    const prefix = new Uint8Array(PREFIX_BYTES);
    let at = 0;
    for (const p of this.head) {
      prefix.set(p, at);
      at += p.byteLength;
    }
    this.head = [];
    this.headBytes = 0;
    const { total } = readPrefix(prefix);
    this.frame = new Uint8Array(total);
    this.frame.set(prefix, 0);
    this.filled = PREFIX_BYTES;
    return chunk.subarray(part.byteLength);
  }
}
