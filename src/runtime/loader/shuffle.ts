/**
 * A seeded shuffle buffer: holds up to `capacity` items and emits a random one each time a new one arrives,
 * then the rest in random order. Memory is the buffer, whatever the stream's length; the same seed and
 * input give the same order, which is what lets a resumed run replay its position.
 */
import { Rng } from "../random.ts";

export async function* shuffleBuffer<T>(items: AsyncIterable<T>, capacity: number, seed: number): AsyncGenerator<T> {
  if (capacity < 2) {
    yield* items;
    return;
  }
  const rng = new Rng(seed);
  const buffer: T[] = [];
  for await (const item of items) {
    if (buffer.length < capacity) {
      buffer.push(item);
      continue;
    }
    const j = rng.below(capacity);
    const out = buffer[j]!;
    buffer[j] = item;
    yield out;
  }
  // Fisher-Yates on what is left.
  for (let i = buffer.length - 1; i >= 0; i--) {
    const j = rng.below(i + 1);
    const out = buffer[j]!;
    buffer[j] = buffer[i]!;
    yield out;
  }
}
