/** Ragged arrays (flat values + offsets) to and from lists of typed arrays, copying once. */
import type { Ragged } from "./protocol/engine.ts";

type Typed = Int32Array | Float32Array | Uint8Array;
type Ctor<T extends Typed> = new (length: number) => T;

/** Packs sequences into one ragged array of the given type. */
export function pack<T extends Typed>(sequences: readonly ArrayLike<number>[], type: Ctor<T>): Ragged<T> {
  const offsets = new Int32Array(sequences.length + 1);
  for (let i = 0; i < sequences.length; i++) offsets[i + 1] = offsets[i]! + sequences[i]!.length;
  const values = new type(offsets[sequences.length]!);
  for (let i = 0; i < sequences.length; i++) values.set(sequences[i]!, offsets[i]!);
  return { values, offsets } as Ragged<T>;
}

/** Views of each sequence of a ragged array (no copy). */
export function unpack<T extends Typed>(ragged: Ragged<T>): T[] {
  const out: T[] = [];
  for (let i = 0; i + 1 < ragged.offsets.length; i++) {
    out.push(ragged.values.subarray(ragged.offsets[i]!, ragged.offsets[i + 1]!) as T);
  }
  return out;
}

/** The number of sequences in a ragged array. */
export function raggedLength(ragged: Ragged<Typed>): number {
  return ragged.offsets.length - 1;
}
