import { describe, expect, it } from "vitest";
import {
  decodeFrame,
  encodeFrame,
  FrameError,
  FrameReader,
  MAX_FRAME_BYTES,
  PREFIX_BYTES,
} from "../../../../src/trainer/protocol/frame.ts";
import { mulberry32 } from "../../../../src/runtime/random.ts";

const sample = () => ({
  kind: "request",
  id: 7,
  op: "train_step",
  body: {
    tokens: { values: new Int32Array([5, -1, 2 ** 31 - 1]), offsets: new Int32Array([0, 1, 3]) },
    advantages: { values: new Float32Array([0.5, -1.25, 3]), offsets: new Int32Array([0, 1, 3]) },
    mask: new Uint8Array([1, 0, 1, 1, 0]),
    wide: new Float64Array([Math.PI]),
    nested: [{ name: "ünïcode ✓", ok: true, none: null }],
    lr: 1e-5,
  },
});

describe("encodeFrame / decodeFrame", () => {
  it("round-trips JSON values and typed arrays of every dtype", () => {
    const back = decodeFrame(encodeFrame(sample()));
    expect(back).toEqual(sample());
    const body = back.body as ReturnType<typeof sample>["body"];
    expect(body.tokens.values).toBeInstanceOf(Int32Array);
    expect(body.advantages.values).toBeInstanceOf(Float32Array);
    expect(body.mask).toBeInstanceOf(Uint8Array);
    expect(body.wide).toBeInstanceOf(Float64Array);
  });

  it("lays the frame out as the spec says: magic, lengths, padded header, aligned arrays", () => {
    const frame = encodeFrame({ a: new Uint8Array([1, 2, 3]), b: new Int32Array([9]) });
    expect(new TextDecoder().decode(frame.subarray(0, 4))).toBe("HCF1");
    const view = new DataView(frame.buffer);
    const headerBytes = view.getUint32(4, true);
    const payload = Number(view.getBigUint64(8, true));
    const headerPadded = (headerBytes + 7) & ~7;
    expect(frame.byteLength).toBe(PREFIX_BYTES + headerPadded + payload);
    const header = JSON.parse(new TextDecoder().decode(frame.subarray(16, 16 + headerBytes)));
    expect(header.arrays).toEqual([
      { dtype: "u8", offset: 0, length: 3 },
      { dtype: "i32", offset: 8, length: 1 },
    ]);
    expect(payload).toBe(16);
    const base = PREFIX_BYTES + headerPadded;
    expect(view.getInt32(base + 8, true)).toBe(9);
  });

  it("carries NaN and infinities, which JSON cannot", () => {
    const back = decodeFrame(encodeFrame({ loss: Number.NaN, up: Infinity, down: -Infinity, fine: 1.5 }));
    expect(back.loss).toBeNaN();
    expect(back.up).toBe(Infinity);
    expect(back.down).toBe(-Infinity);
    expect(back.fine).toBe(1.5);
  });

  it("decodes typed-array views that start at an unaligned offset", () => {
    const buf = new Int32Array([1, 2, 3, 4]);
    const view = new Int32Array(buf.buffer, 4, 2);
    const back = decodeFrame(encodeFrame({ v: view }));
    expect(Array.from(back.v as Int32Array)).toEqual([2, 3]);
    const frame = encodeFrame({ v: new Float32Array([1, 2]) });
    const shifted = new Uint8Array(frame.byteLength + 3);
    shifted.set(frame, 3);
    expect(Array.from(decodeFrame(shifted.subarray(3)).v as Float32Array)).toEqual([1, 2]);
  });

  it("refuses frames with a bad magic, a truncated body or a dangling array reference", () => {
    const frame = encodeFrame({ a: 1 });
    const bad = frame.slice();
    bad[0] = 0x7b;
    expect(() => decodeFrame(bad)).toThrow(/bad frame magic/);
    expect(() => decodeFrame(frame.subarray(0, frame.byteLength - 8))).toThrow(FrameError);
    const dangling = encodeFrame({ x: { $a: 3 } as unknown as number });
    expect(() => decodeFrame(dangling)).toThrow(/array reference 3 out of range/);
  });

  it("refuses a prefix announcing a frame beyond the size limit", () => {
    const prefix = new Uint8Array(16);
    prefix.set(new TextEncoder().encode("HCF1"));
    new DataView(prefix.buffer).setBigUint64(8, BigInt(MAX_FRAME_BYTES) + 8n, true);
    expect(() => new FrameReader().push(prefix)).toThrow(/bad frame lengths/);
  });
});

describe("FrameReader", () => {
  it("reassembles frames fed one byte at a time", () => {
    const frames = [encodeFrame(sample()), encodeFrame({ kind: "hello", protocols: [1] })];
    const stream = new Uint8Array(frames[0]!.byteLength + frames[1]!.byteLength);
    stream.set(frames[0]!, 0);
    stream.set(frames[1]!, frames[0]!.byteLength);
    const reader = new FrameReader();
    const got: Uint8Array[] = [];
    for (let i = 0; i < stream.byteLength; i++) got.push(...reader.push(stream.subarray(i, i + 1)));
    expect(got.map(decodeFrame)).toEqual([sample(), { kind: "hello", protocols: [1] }]);
    expect(reader.pending).toBe(0);
  });

  it("reassembles many frames cut at random points, including inside the prefix", () => {
    const random = mulberry32(42);
    const messages = Array.from({ length: 50 }, (_, i) => ({
      id: i,
      v: new Float32Array(Array.from({ length: Math.floor(random() * 40) }, () => random())),
    }));
    const bytes = messages.map(encodeFrame);
    const stream = new Uint8Array(bytes.reduce((n, b) => n + b.byteLength, 0));
    let at = 0;
    for (const b of bytes) {
      stream.set(b, at);
      at += b.byteLength;
    }
    const reader = new FrameReader();
    const got: Record<string, unknown>[] = [];
    for (let i = 0; i < stream.byteLength; ) {
      const n = 1 + Math.floor(random() * 37);
      for (const f of reader.push(stream.subarray(i, i + n))) got.push(decodeFrame(f));
      i += n;
    }
    expect(got).toEqual(messages);
  });

  it("passes a 64 MiB frame arriving in 64 KiB chunks intact", () => {
    const n = 16 * 1024 * 1024;
    const values = new Float32Array(n);
    for (let i = 0; i < n; i += 4099) values[i] = i;
    const frame = encodeFrame({ op: "logprobs", values });
    expect(frame.byteLength).toBeGreaterThan(64 * 1024 * 1024);
    const reader = new FrameReader();
    const got: Uint8Array[] = [];
    for (let i = 0; i < frame.byteLength; i += 65536) got.push(...reader.push(frame.subarray(i, i + 65536)));
    expect(got).toHaveLength(1);
    const back = decodeFrame(got[0]!).values as Float32Array;
    expect(back.length).toBe(n);
    expect(back[4099 * 1000]).toBe(4099 * 1000);
    expect(back[4099 * 1000 + 1]).toBe(0);
  });

  it("reports pending bytes of an incomplete frame", () => {
    const frame = encodeFrame({ a: new Int32Array(10) });
    const reader = new FrameReader();
    expect(reader.push(frame.subarray(0, 10))).toEqual([]);
    expect(reader.pending).toBe(10);
    expect(reader.push(frame.subarray(10, 30))).toEqual([]);
    expect(reader.pending).toBe(30);
    expect(reader.push(frame.subarray(30))).toHaveLength(1);
  });
});
