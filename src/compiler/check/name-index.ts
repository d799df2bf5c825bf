/**
 * Finds a named block among the blocks of one type in one parent (a list that only grows), for a duplicate
 * name. A spec of thousands of sources adds thousands of fresh names. A Map from name to block cost about
 * a tenth of such a spec's check, far more than its look-ups: it is a second large table of pointers to young
 * blocks and names, which every young-generation collection must visit. This index holds integers only
 * (hash-slots.ts: each name's hash and its block's position in the list); names are compared in the list
 * when hashes agree.
 */
import { HashSlots, hashOf } from "./hash-slots.ts";

/** What the list holds: anything with a name. */
interface Named {
  readonly label: string | null;
}

/** The index of one list; the caller passes the list, which it keeps (it may not exist when the index is made). */
export class NameIndex {
  private readonly slots = new HashSlots();

  /** The entry of the list with this name, if any. */
  find<T extends Named>(name: string, list: readonly T[]): T | undefined {
    const hash = hashOf(name);
    for (let slot = this.slots.first(hash); slot !== -1; slot = this.slots.next(slot, hash)) {
      const entry = list[this.slots.entryAt(slot)]!;
      if (entry.label === name) return entry;
    }
    return undefined;
  }

  /** Indexes the block at this position of the list under this name (not in the index yet). */
  add(position: number, name: string): void {
    this.slots.add(position, hashOf(name));
  }
}
