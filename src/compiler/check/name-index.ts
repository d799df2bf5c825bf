/**
 * Finds a named block among the blocks of one type in one parent (a list that only grows), for a duplicate
 * name. A spec of thousands of sources adds thousands of fresh names. A Map from name to block cost about
 * a tenth of such a spec's check, far more than its look-ups: it is a second large table of pointers to young
 * blocks and names, which every young-generation collection must visit. This index holds integers only:
 * each name's hash and its block's position in the list, in two Int32Arrays (open addressing, linear probing);
 * names are compared in the list when hashes agree.
 */

/** What the list holds: anything with a name. */
interface Named {
  readonly label: string | null;
}

/** The index of one list; the caller passes the list, which it keeps (it may not exist when the index is made). */
export class NameIndex {
  /** Position in the list + 1 (0: an empty slot). */
  private positions = new Int32Array(16);
  private hashes = new Int32Array(16);
  private count = 0;

  /** The entry of the list with this name, if any. */
  find<T extends Named>(name: string, list: readonly T[]): T | undefined {
    const mask = this.positions.length - 1;
    const hash = hashOf(name);
    for (let i = hash & mask; this.positions[i] !== 0; i = (i + 1) & mask) {
      const entry = list[this.positions[i]! - 1]!;
      if (this.hashes[i] === hash && entry.label === name) return entry;
    }
    return undefined;
  }

  /** Indexes the block at this position of the list under this name (not in the index yet). */
  add(position: number, name: string): void {
    if ((this.count + 1) * 2 > this.positions.length) this.grow();
    this.put(position + 1, hashOf(name));
    this.count++;
  }

  private put(slot: number, hash: number): void {
    const mask = this.positions.length - 1;
    let i = hash & mask;
    while (this.positions[i] !== 0) i = (i + 1) & mask;
    this.positions[i] = slot;
    this.hashes[i] = hash;
  }

  /** Twice the room: at most half full keeps linear probing's runs short. */
  private grow(): void {
    const { positions, hashes } = this;
    this.positions = new Int32Array(positions.length * 2);
    this.hashes = new Int32Array(positions.length * 2);
    for (let i = 0; i < positions.length; i++) if (positions[i] !== 0) this.put(positions[i]!, hashes[i]!);
  }
}

/** FNV-1a over the UTF-16 code units, as an int32 (what the Int32Array holds, even for the empty name). */
function hashOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash | 0;
}
