/**
 * The AST against the language table: each block and field is looked up, labels and kinds resolved, values
 * converted; unknown names (with "did you mean"), duplicates and missing required fields are reported.
 * The result is a tree of checked blocks that the cross-field rules and the lowering read.
 */
import { diagnostic, joinSpans, type Diagnostic, type Span } from "../../diagnostics/index.ts";
import { isCondition, isRepeated, wordOf, type Block, type Expr, type Field, type Item } from "../ast.ts";
import { suggest } from "./did-you-mean.ts";
import { NAME_PATTERN } from "./table.ts";
import type { BlockSpec, FieldSpec, KindSpec } from "./table-types.ts";
import { FieldStore, FieldTable } from "./field-table.ts";
import { sharePaths } from "./filter.ts";
import { NameIndex } from "./name-index.ts";
import { NOT_KNOWN, SharedValues } from "./shared-values.ts";
import { FAILED, convertField, found, type ValueContext } from "./values.ts";

export interface CheckedBlock {
  type: string;
  /** The name of a named block (`source gsm8k`), else null. */
  label: string | null;
  /** The kind of a kinded block (`partition adaptive`), else null. */
  kind: string | null;
  /** "the spec", "source gsm8k", "partition adaptive": how messages name the block. */
  title: string;
  /** The block's header (type and label), or the field of a field-form block. */
  span: Span;
  spec: BlockSpec;
  kindSpec: KindSpec | null;
  fields: FieldTable;
  /** Child blocks by type; read-only, as is `written` (walk.ts gives a block its own collection on its first write). */
  blocks: ReadonlyMap<string, CheckedBlock[]>;
  /** Fields and blocks that were written but not kept (a bad value, a duplicate): not reported again as missing. */
  written: ReadonlySet<string>;
}

/**
 * What a block has before anything is added: shared, so a block with no child blocks (most of a large spec's
 * blocks) costs no collections of its own.
 */
export const NO_BLOCKS: ReadonlyMap<string, CheckedBlock[]> = new Map();
export const NONE_WRITTEN: ReadonlySet<string> = new Set();

/**
 * A checked block whose title is made when a message asks for it: a title string per block ("source " and
 * "source shard_1") was a fifth of what a large spec's checked blocks kept alive.
 */
export class CheckedBlockNode implements CheckedBlock {
  blocks: ReadonlyMap<string, CheckedBlock[]> = NO_BLOCKS;
  written: ReadonlySet<string> = NONE_WRITTEN;

  /** `ownTitle`: the title, when it is not the type and the label or kind ("the spec"). */
  constructor(
    readonly type: string,
    readonly label: string | null,
    readonly kind: string | null,
    readonly span: Span,
    readonly spec: BlockSpec,
    readonly kindSpec: KindSpec | null,
    readonly fields: FieldTable,
    private readonly ownTitle: string | null = null,
  ) {}

  get title(): string {
    if (this.ownTitle !== null) return this.ownTitle;
    const qualifier = this.label ?? this.kind;
    return qualifier === null ? this.type : `${this.type} ${qualifier}`;
  }
}

interface WalkContext {
  file: string;
  text: string;
  diagnostics: Diagnostic[];
  /** Named blocks by parent, type and name (an index of the parent's list), so a duplicate name is found without a scan. */
  named: Map<CheckedBlock, Map<string, NameIndex>>;
  /** One context for every value conversion, its `field` set per field (one object, not one per field). */
  values: ValueContext;
  /** The label of the block being walked, as resolveLabel found it. */
  label: ResolvedLabel;
  /** The fields of every block of this walk. */
  fields: FieldStore;
}

interface ResolvedLabel {
  label: string | null;
  kind: string | null;
  kindSpec: KindSpec | null;
}

/** Checks the top-level items against the table's root. */
export function walkSpec(items: Iterable<Item>, root: BlockSpec, file: string, text: string): { root: CheckedBlock; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ctx: WalkContext = { file, text, diagnostics, named: new Map(), values: { file, text, diagnostics, field: "", shared: new SharedValues(text) }, label: { label: null, kind: null, kindSpec: null }, fields: new FieldStore() };
  const block = new CheckedBlockNode("spec", null, null, { start: 0, end: 0 }, root, null, new FieldTable(0, ctx.fields), "the spec");
  walkItems(items, block, ctx);
  return { root: block, diagnostics };
}

/** A block with nothing in it yet; `fields`: how many of its items are fields, when known. */
function emptyBlock(ctx: WalkContext, type: string, label: string | null, kind: string | null, span: Span, spec: BlockSpec, kindSpec: KindSpec | null, fields = 0): CheckedBlock {
  return new CheckedBlockNode(type, label, kind, span, spec, kindSpec, new FieldTable(fields, ctx.fields));
}

function walkItems(items: Iterable<Item>, block: CheckedBlock, ctx: WalkContext): void {
  for (const item of items) {
    if (item.node === "field") walkField(item, block, ctx);
    else walkBlock(item, block, ctx);
  }
  if (block.spec.label !== "kind" || block.kindSpec) checkRequired(block, ctx);
}

/** Fields and blocks a block accepts: its own, plus its kind's. */
export function fieldSpec(block: CheckedBlock, name: string): FieldSpec | undefined {
  return block.kindSpec?.fields?.[name] ?? block.spec.fields[name];
}

export function blockSpec(block: CheckedBlock, name: string): BlockSpec | undefined {
  return block.kindSpec?.blocks?.[name] ?? block.spec.blocks?.[name];
}

function walkField(field: Field, block: CheckedBlock, ctx: WalkContext): void {
  const name = field.name.text;
  const spec = fieldSpec(block, name);
  const child = spec ? undefined : blockSpec(block, name);
  if (child?.label === "kind") return fieldFormBlock(field, child, block, ctx);
  if (child) {
    return report(ctx, "HC2003", { expected: `a block: ${name} { … }`, found: found(field.value) }, field.name.span, [`${name} is a block: write ${name} { … }`]);
  }
  const effective = spec ?? block.spec.anyField;
  if (!effective) return unknownField(field, block, ctx);
  const previous = block.fields.get(name);
  if (previous) return duplicate(ctx, `field ${name}`, field.name.span, previous.nameSpan);
  const converted = convertValue(field, effective, ctx);
  const valueSpan = isRepeated(field) || isCondition(field) ? field.valueSpan : field.value.span;
  if (converted !== FAILED) block.fields.add(name, converted, valueSpan, field.name.span);
  else markWritten(block, name);
}

/**
 * A field's value, converted. A field whose value's text repeats an earlier one (ast.ts RepeatedField, the
 * parser skipped it) takes the value that text converted to, when it was remembered: its AST is never
 * built. The first repeat of a text is converted and remembered; a first occurrence is converted only (its
 * text would be a slice per field, most of which never repeat). A condition the parser read into a filter
 * (ast.ts ConditionField) is that filter, or the one of an earlier equal text.
 */
function convertValue(field: Field, spec: FieldSpec, ctx: WalkContext): unknown {
  const shared = ctx.values.shared;
  if (isCondition(field) && spec.type.type === "filter") return shared.filter(field.valueSpan, () => sharePaths(field.condition, shared));
  if (!isRepeated(field)) return convertField(field.value, spec, valueContext(ctx, field.name.text));
  const known = shared.converted(spec, field.valueText);
  if (known !== NOT_KNOWN) return known;
  const reported = ctx.diagnostics.length;
  const value = convertField(field.value, spec, valueContext(ctx, field.name.text));
  if (value !== FAILED && ctx.diagnostics.length === reported) shared.rememberConverted(spec, field.valueText, value);
  return value;
}

/** `reward: math` ≡ `reward math {}`; `tokenizer: "x.json"` ≡ `tokenizer path { path: "x.json" }`. */
function fieldFormBlock(field: Field, spec: BlockSpec, parent: CheckedBlock, ctx: WalkContext): void {
  const name = field.name.text;
  if (!claimBlock(name, spec, field.name.span, parent, ctx)) return;
  markWritten(parent, name);
  const value = field.value;
  const word = wordOf(value);
  if (value.node === "error") return;
  if (word !== null) {
    const kindSpec = resolveKind(word, value.span, name, spec, ctx);
    if (!kindSpec) return;
    const block = emptyBlock(ctx, name, null, word, joinSpans(field.name.span, value.span), spec, kindSpec);
    checkRequired(block, ctx);
    return addBlock(parent, block);
  }
  if (value.node === "string" && spec.stringKind) {
    const { kind, field: key } = spec.stringKind;
    const block = emptyBlock(ctx, name, null, kind, joinSpans(field.name.span, value.span), spec, spec.kinds?.[kind] ?? null);
    const converted = convertField(value, fieldSpec(block, key)!, valueContext(ctx, key));
    if (converted === FAILED) return;
    block.fields.add(key, converted, value.span, field.name.span);
    return addBlock(parent, block);
  }
  const kinds = Object.keys(spec.kinds ?? {});
  const strings = spec.stringKind ? `, or a ${spec.stringKind.field} as a string` : "";
  report(ctx, "HC2003", { expected: `a kind of ${name}: ${kinds.join(", ")}${strings}`, found: found(value) }, value.span);
}

function walkBlock(item: Block, parent: CheckedBlock, ctx: WalkContext): void {
  const type = item.type.text;
  const spec = blockSpec(parent, type);
  if (!spec) return unknownBlock(item, parent, ctx);
  markWritten(parent, type);
  const header = item.label ? joinSpans(item.type.span, item.label.span) : item.type.span;
  if (!resolveLabel(item, spec, ctx)) return;
  const { label, kind, kindSpec } = ctx.label;
  const named = spec.label === "name" && label !== null ? namedBlocks(ctx, parent, type) : null;
  if (named) {
    const twin = named.find(label!, parent.blocks.get(type) ?? []);
    if (twin) return duplicate(ctx, `${type} ${label}`, item.label!.span, twin.span);
  } else if (!claimBlock(type, spec, item.type.span, parent, ctx)) {
    return;
  }
  const block = emptyBlock(ctx, type, label, kind, header, spec, kindSpec, countFields(item.items));
  addBlock(parent, block);
  named?.add(parent.blocks.get(type)!.length - 1, label!);
  if (item.label?.quoted && spec.stringKind) {
    // `tokenizer "x.json" { … }`: the quoted label is the kind's string field.
    const { field } = spec.stringKind;
    const value = { node: "string" as const, value: item.label.text, raw: "", multiline: false, span: item.label.span };
    const converted = convertField(value, fieldSpec(block, field)!, valueContext(ctx, field));
    if (converted !== FAILED) block.fields.add(field, converted, item.label.span, item.label.span);
  }
  walkItems(item.items, block, ctx);
}

function countFields(items: Item[]): number {
  let n = 0;
  for (const item of items) if (item.node === "field") n++;
  return n;
}

/** The index by name of the blocks of one type in a parent. */
function namedBlocks(ctx: WalkContext, parent: CheckedBlock, type: string): NameIndex {
  let byType = ctx.named.get(parent);
  if (!byType) ctx.named.set(parent, (byType = new Map()));
  let byName = byType.get(type);
  if (!byName) byType.set(type, (byName = new NameIndex()));
  return byName;
}

function valueContext(ctx: WalkContext, field: string): ValueContext {
  ctx.values.field = field;
  return ctx.values;
}

/**
 * A block's label: a name (checked), a kind (resolved), or nothing, written to `ctx.label` (one object per
 * walk, not one per block); false when the block cannot be checked.
 */
function resolveLabel(item: Block, spec: BlockSpec, ctx: WalkContext): boolean {
  const type = item.type.text;
  const label = item.label;
  if (spec.label === "none") {
    if (label) report(ctx, "HC2018", { message: `${type} takes no name or kind` }, label.span, [`write ${type} { … }`]);
    return resolved(ctx, null, null, null);
  }
  if (spec.label === "name") {
    if (!label) {
      report(ctx, "HC2018", { message: `${type} needs a name` }, item.type.span, [`write ${type} NAME { … }`]);
      return resolved(ctx, null, null, null);
    }
    if (!NAME_PATTERN.test(label.text)) {
      report(ctx, "HC2024", { name: JSON.stringify(label.text), what: type }, label.span, ["names start with a letter or _ and hold letters, digits, _ and -"]);
    }
    return resolved(ctx, label.text, null, null);
  }
  if (label?.quoted && spec.stringKind) {
    return resolved(ctx, null, spec.stringKind.kind, spec.kinds?.[spec.stringKind.kind] ?? null);
  }
  const kind = label?.text ?? spec.defaultKind;
  if (kind === undefined) {
    const kinds = Object.keys(spec.kinds ?? {}).join(", ");
    report(ctx, "HC2018", { message: `${type} needs a kind` }, item.type.span, [`write ${type} KIND { … }, with KIND one of ${kinds}`]);
    return false;
  }
  const kindSpec = resolveKind(kind, label?.span ?? item.type.span, type, spec, ctx);
  return kindSpec ? resolved(ctx, null, kind, kindSpec) : false;
}

function resolved(ctx: WalkContext, label: string | null, kind: string | null, kindSpec: KindSpec | null): true {
  ctx.label.label = label;
  ctx.label.kind = kind;
  ctx.label.kindSpec = kindSpec;
  return true;
}

function resolveKind(kind: string, span: Span, type: string, spec: BlockSpec, ctx: WalkContext): KindSpec | null {
  const kindSpec = spec.kinds?.[kind];
  if (kindSpec) return kindSpec;
  report(ctx, "HC2005", { block: type, kind: JSON.stringify(kind).slice(1, -1) }, span, suggest(kind, Object.keys(spec.kinds ?? {}), `kinds of ${type}`));
  return null;
}

/** Records that a singular block is present; reports a second one. */
function claimBlock(type: string, spec: BlockSpec, span: Span, parent: CheckedBlock, ctx: WalkContext): boolean {
  if (spec.repeatable) return true;
  const first = parent.blocks.get(type)?.[0];
  if (!first) return true;
  duplicate(ctx, type, span, first.span);
  return false;
}

function addBlock(parent: CheckedBlock, block: CheckedBlock): void {
  const list = parent.blocks.get(block.type);
  if (list) list.push(block);
  else parent.blocks = new Map(parent.blocks).set(block.type, [block]);
}

function markWritten(block: CheckedBlock, name: string): void {
  if (!block.written.has(name)) block.written = new Set(block.written).add(name);
}

interface Required {
  fields: Array<[string, FieldSpec]>;
  blocks: Array<[string, BlockSpec]>;
}

/** The required fields and blocks of each block spec and kind, worked out once: every block is checked for them. */
const requiredCache = new WeakMap<BlockSpec, Map<KindSpec | null, Required>>();

function requiredOf(spec: BlockSpec, kindSpec: KindSpec | null): Required {
  let byKind = requiredCache.get(spec);
  if (!byKind) requiredCache.set(spec, (byKind = new Map()));
  let required = byKind.get(kindSpec);
  if (!required) {
    const fields = Object.entries({ ...spec.fields, ...kindSpec?.fields }).filter(([, f]) => f.required);
    const blocks = Object.entries({ ...spec.blocks, ...kindSpec?.blocks }).filter(([, b]) => b.required);
    byKind.set(kindSpec, (required = { fields, blocks }));
  }
  return required;
}

function checkRequired(block: CheckedBlock, ctx: WalkContext): void {
  const required = requiredOf(block.spec, block.kindSpec);
  for (const [name, spec] of required.fields) {
    if (!block.fields.has(name) && !block.written.has(name)) {
      report(ctx, "HC2007", { block: block.title, field: name }, block.span, [`${name}: ${spec.doc}`]);
    }
  }
  for (const [name, spec] of required.blocks) {
    if (!block.blocks.has(name) && !block.written.has(name)) {
      const help = spec.label === "name" ? `${name} NAME { … }` : spec.label === "kind" ? `${name} KIND { … }` : `${name} { … }`;
      report(ctx, "HC2007", { block: block.title, field: `a ${name} block` }, block.span, [`add ${help}: ${spec.doc}`]);
    }
  }
}

function unknownField(field: Field, block: CheckedBlock, ctx: WalkContext): void {
  const name = field.name.text;
  const own = [...Object.keys(block.spec.fields), ...Object.keys(block.kindSpec?.fields ?? {})];
  const formBlocks = Object.entries({ ...block.spec.blocks, ...block.kindSpec?.blocks }).filter(([, s]) => s.label === "kind").map(([n]) => n);
  const elsewhere = kindsOwning(block, name, "fields");
  const help = elsewhere.length > 0
    ? [`${name} is a field of ${listed(elsewhere.map((k) => `${block.type} ${k}`))}, not of ${block.title}`]
    : suggest(name, [...own, ...formBlocks], `fields of ${block.title}`);
  report(ctx, "HC2001", { block: block.title, field: name }, field.name.span, help);
}

function unknownBlock(item: Block, parent: CheckedBlock, ctx: WalkContext): void {
  const name = item.type.text;
  if (fieldSpec(parent, name) || parent.spec.anyField) {
    return report(ctx, "HC2002", { block: parent.title, name }, item.type.span, [`${name} is a field: write ${name}: VALUE`]);
  }
  const elsewhere = kindsOwning(parent, name, "blocks");
  const help = elsewhere.length > 0
    ? [`${name} belongs to ${listed(elsewhere.map((k) => `${parent.type} ${k}`))}, not to ${parent.title}`]
    : suggest(name, Object.keys({ ...parent.spec.blocks, ...parent.kindSpec?.blocks }), `blocks of ${parent.title}`);
  report(ctx, "HC2002", { block: parent.title, name }, item.type.span, help);
}

/** "a", "a and b", "a, b and c". */
function listed(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** The other kinds of a kinded block that do have this field or block. */
function kindsOwning(block: CheckedBlock, name: string, what: "fields" | "blocks"): string[] {
  return Object.entries(block.spec.kinds ?? {}).filter(([, k]) => k[what]?.[name] !== undefined).map(([kind]) => kind);
}

function duplicate(ctx: WalkContext, what: string, span: Span, first: Span): void {
  ctx.diagnostics.push(diagnostic("HC2006", { what }, { file: ctx.file, span, labels: [{ span: first, message: "first given here" }] }));
}

function report(ctx: WalkContext, code: Parameters<typeof diagnostic>[0], args: Record<string, string>, span: Span, help: string[] = []): void {
  ctx.diagnostics.push(diagnostic(code, args, { file: ctx.file, span, help }));
}

export type { Expr };
export type { CheckedField } from "./field-table.ts";
