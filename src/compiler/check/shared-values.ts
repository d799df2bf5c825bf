/**
 * Field paths, field references and filters, one of each per spec: a spec of thousands of shards repeats the
 * same field mappings and `where` conditions in every source, and objects per use would be memory the
 * garbage collector carries for as long as the checked spec lives. Shared values are frozen, so that no later
 * stage can change every source's mapping by changing one.
 */
import type { Span } from "../../diagnostics/index.ts";
import type { FieldRef, Filter } from "../../ir/index.ts";
import { SpanIndex } from "./span-index.ts";
import type { FieldSpec } from "./table-types.ts";

/** What {@link SharedValues.converted} returns for a text not converted before (undefined is no value). */
export const NOT_KNOWN: unique symbol = Symbol("not known");

type Key = string | number;

interface Node {
  next: Map<Key, Node> | null;
  path: readonly Key[] | null;
  plain: FieldRef | null;
  extracted: FieldRef | null;
}

const newNode = (): Node => ({ next: null, path: null, plain: null, extracted: null });

/** The shared values of one check run. */
export class SharedValues {
  private readonly root = newNode();
  /** Filters by their condition's text, a span of the spec's text. */
  private readonly filters: SpanIndex<Filter>;
  /** Values converted from repeated text, by field spec and text (see walk.ts, repeated fields). */
  private readonly values = new Map<FieldSpec, Map<string, unknown>>();

  /** `text`: the spec's text, which the spans of conditions are in. */
  constructor(text = "") {
    this.filters = new SpanIndex(text);
  }

  /**
   * The filter of a condition, by its text (`span` of the spec's text): the same text is the same condition (its filter holds no
   * positions). `make` runs for a text not seen yet; a null (a condition with errors, reported) is not kept.
   * A filter is frozen when it is given out a second time, that is when it becomes shared: freezing every
   * filter as it is made cost 7% of checking a spec whose conditions are all different, and a filter that
   * one source alone holds can only change that source.
   */
  filter(span: Span, make: () => Filter | null): Filter | null {
    const known = this.filters.get(span.start, span.end);
    if (known) return deepFreeze(known);
    const made = make();
    if (made) this.filters.add(span.start, span.end, made);
    return made;
  }

  /** The value a field of this spec converted from this text, if one was remembered; else {@link NOT_KNOWN}. */
  converted(spec: FieldSpec, text: string): unknown {
    const value = this.values.get(spec)?.get(text);
    return value === undefined ? NOT_KNOWN : value;
  }

  /**
   * Remembers the value a field of this spec converted from this text, without diagnostics, when no stage
   * can change it: a primitive or a frozen object (a shared field reference or filter). Conversion reads
   * nothing but the text and the spec, so the same text converts to the same value in every block.
   */
  rememberConverted(spec: FieldSpec, text: string, value: unknown): void {
    if (typeof value === "object" && value !== null && !Object.isFrozen(value)) return;
    let byText = this.values.get(spec);
    if (!byText) this.values.set(spec, (byText = new Map()));
    byText.set(text, value);
  }

  /** The path of these segments' keys (`meta.flagged` → ["meta", "flagged"]), shared. */
  path(segments: ReadonlyArray<{ key: Key }>): [Key, ...Key[]] {
    const node = this.node(segments);
    if (!node) return segments.map((s) => s.key) as [Key, ...Key[]];
    node.path ??= Object.freeze(segments.map((s) => s.key));
    return node.path as [Key, ...Key[]];
  }

  /** The IR reference to these segments' path, `extract(…)` or not, shared. */
  ref(segments: ReadonlyArray<{ key: Key }>, extract: boolean): FieldRef {
    const node = this.node(segments);
    if (!node) return { path: segments.map((s) => s.key) as FieldRef["path"], extract };
    const made = extract ? node.extracted : node.plain;
    if (made) return made;
    const ref = Object.freeze({ path: this.path(segments), extract });
    if (extract) node.extracted = ref;
    else node.plain = ref;
    return ref;
  }

  /** The shared path of these keys (a path the streaming parser read, fast/condition.ts). */
  pathOfKeys(keys: readonly [Key, ...Key[]]): [Key, ...Key[]] {
    let node: Node | null = this.root;
    for (let i = 0; i < keys.length && node; i++) node = this.child(node, keys[i]!);
    if (!node) return keys.slice() as [Key, ...Key[]];
    // A copy: the parser's array grew by push, and its spare room would live as long as the spec.
    node.path ??= Object.freeze(keys.slice());
    return node.path as [Key, ...Key[]];
  }

  /** The trie node of a path; null for a key of -0, which a Map would take for 0. */
  private node(segments: ReadonlyArray<{ key: Key }>): Node | null {
    let node: Node | null = this.root;
    for (let i = 0; i < segments.length && node; i++) node = this.child(node, segments[i]!.key);
    return node;
  }

  private child(node: Node, key: Key): Node | null {
    if (Object.is(key, -0)) return null;
    node.next ??= new Map();
    let child = node.next.get(key);
    if (!child) node.next.set(key, (child = newNode()));
    return child;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
