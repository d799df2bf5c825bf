/**
 * src/compiler/check/table*.ts → specs/language-reference.md: every block and field of the language with its
 * type, default and meaning, so the reference cannot drift from what the checker accepts.
 */
import { SPEC_TABLE } from "../src/compiler/check/table.ts";
import type { BlockSpec, FieldSpec, KindSpec } from "../src/compiler/check/table-types.ts";
import { expected } from "../src/compiler/check/values.ts";
import { DO_NOT_EDIT } from "./gen-ir-types.ts";
import type { GeneratedFile } from "./generators.ts";

export async function generateLanguageReference(): Promise<GeneratedFile[]> {
  const lines = [
    `<!-- ${DO_NOT_EDIT} Made from src/compiler/check/table.ts by \`npm run gen\`. -->`,
    "# .hint language reference: blocks and fields",
    "",
    "Every block and field a spec may hold, with its type and default, straight from the checker's table.",
    "specs/language.md explains the language; this page is the list. \"required\" fields have no default.",
    "",
  ];
  describeBlock("the spec (top level)", SPEC_TABLE, 2, lines);
  return [{ path: "specs/language-reference.md", text: lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n" }];
}

function describeBlock(title: string, block: BlockSpec, level: number, lines: string[]): void {
  lines.push(`${"#".repeat(level)} ${title}`, "", `${block.doc}${labelNote(block)}`, "");
  fieldTable(block.fields, lines);
  if (block.anyField) lines.push(`Any field name: ${describeType(block.anyField)}. ${block.anyField.doc}`, "");
  for (const [kind, spec] of Object.entries(block.kinds ?? {})) describeKind(title.split(" ")[0]!, kind, spec, block, level + 1, lines);
  for (const [name, child] of Object.entries(block.blocks ?? {})) describeBlock(`${prefix(title)}${name}`, child, level + 1, lines);
}

function describeKind(type: string, kind: string, spec: KindSpec, block: BlockSpec, level: number, lines: string[]): void {
  const isDefault = block.defaultKind === kind ? " (the default)" : "";
  const fields = Object.keys(spec.fields ?? {});
  const blocks = Object.keys(spec.blocks ?? {});
  if (fields.length === 0 && blocks.length === 0) {
    lines.push(`- \`${type} ${kind}\`${isDefault}: ${spec.doc}`);
    return;
  }
  lines.push("", `${"#".repeat(level)} ${type} ${kind}${isDefault}`, "", spec.doc, "");
  fieldTable(spec.fields ?? {}, lines);
  for (const [name, child] of Object.entries(spec.blocks ?? {})) describeBlock(`${type} ${kind}.${name}`, child, level + 1, lines);
}

function prefix(title: string): string {
  return title.startsWith("the spec") ? "" : `${title.split(" ")[0]}.`;
}

function labelNote(block: BlockSpec): string {
  if (block.label === "name") return " Written `TYPE NAME { … }`.";
  if (block.label !== "kind") return "";
  const kinds = Object.keys(block.kinds ?? {}).map((k) => `\`${k}\``).join(", ");
  const fallback = block.defaultKind ? ` Default kind: \`${block.defaultKind}\`.` : " The kind must be given.";
  return ` Kinds: ${kinds}.${fallback} Without options, \`TYPE: KIND\` is the same as \`TYPE KIND {}\`.`;
}

function fieldTable(fields: Record<string, FieldSpec>, lines: string[]): void {
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  lines.push("| field | type | default | meaning |", "|---|---|---|---|");
  for (const [name, spec] of entries) {
    lines.push(`| \`${name}\` | ${describeType(spec)} | ${describeDefault(spec)} | ${spec.doc.replace(/\|/g, "\\|")} |`);
  }
  lines.push("");
}

function describeType(spec: FieldSpec): string {
  const text = expected(spec.type).replace(/\|/g, "\\|");
  return spec.nullable ? `${text}, or null` : text;
}

function describeDefault(spec: FieldSpec): string {
  if (spec.required) return "required";
  if (!spec.default) return "none";
  if ("describe" in spec.default) return spec.default.describe;
  return `\`${showValue(spec.default.value, spec)}\``.replace(/\n/g, "\\n");
}

function showValue(value: unknown, spec: FieldSpec): string {
  if (spec.type.type === "duration" && typeof value === "number") return duration(value);
  if (spec.type.type === "field" && value && typeof value === "object" && "path" in value) return (value as { path: string[] }).path.join(".");
  if (typeof value === "string" && (spec.type.type === "enum" || spec.type.type === "hints")) return value;
  return JSON.stringify(value);
}

function duration(ms: number): string {
  for (const [unit, size] of [["h", 3_600_000], ["m", 60_000], ["s", 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
