/** Reading the checked tree: child blocks, and field values with the table's defaults filled in. */
import { FieldTable } from "./field-table.ts";
import type { CheckedBlock } from "./walk.ts";
import { CheckedBlockNode, fieldSpec } from "./walk.ts";

/** The first child block of a type, if any. */
export function child(block: CheckedBlock | undefined, type: string): CheckedBlock | undefined {
  return block?.blocks.get(type)?.[0];
}

/** Every child block of a type, in source order. */
export function children(block: CheckedBlock | undefined, type: string): CheckedBlock[] {
  return block?.blocks.get(type) ?? [];
}

/** Whether the spec wrote the field. */
export function has(block: CheckedBlock | undefined, field: string): boolean {
  return block?.fields.has(field) ?? false;
}

/**
 * A field's value: as written, else the table's constant default; undefined when neither (a computed default,
 * or an optional field left out).
 */
export function get<T>(block: CheckedBlock | undefined, field: string): T | undefined {
  if (!block) return undefined;
  const written = block.fields.get(field);
  if (written) return written.value as T;
  const fallback = fieldSpec(block, field)?.default;
  return fallback && "value" in fallback ? (structuredClone(fallback.value) as T) : undefined;
}

/** Like {@link get}, for fields whose table default is a constant (a missing one is a bug in the table). */
export function must<T>(block: CheckedBlock, field: string): T {
  const value = get<T>(block, field);
  if (value === undefined) throw new Error(`language table: ${block.title}.${field} has no constant default`);
  return value;
}

/**
 * A block as written, or, when the spec leaves it out, an empty one (of the default kind, for blockOrDefault
 * blocks), so its fields take the table's defaults.
 */
export function blockOrDefault(parent: CheckedBlock, type: string): CheckedBlock {
  const written = child(parent, type);
  if (written) return written;
  const spec = parent.kindSpec?.blocks?.[type] ?? parent.spec.blocks?.[type];
  if (!spec) throw new Error(`language table: ${parent.title} has no block ${type}`);
  const kind = spec.defaultKind ?? null;
  const kindSpec = kind === null ? null : (spec.kinds?.[kind] ?? null);
  return new CheckedBlockNode(type, null, kind, { start: 0, end: 0 }, spec, kindSpec, new FieldTable(), type);
}
