/**
 * Enums and kinds read from the IR's JSON Schema, so the language accepts exactly the words the IR can hold
 * (a new partition method in the schema is a new `partition` kind, with no second list to update).
 */
import schema from "../../ir/schema.json" with { type: "json" };

interface SchemaNode {
  enum?: string[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  items?: SchemaNode;
  $ref?: string;
}

const definitions = schema.definitions as unknown as Record<string, SchemaNode>;

function at(path: string[]): SchemaNode {
  let node: SchemaNode | undefined = { properties: definitions };
  for (const key of path) node = node?.properties?.[key];
  if (!node) throw new Error(`IR schema has no ${path.join(".")}`);
  return node;
}

/** The enum of a property, e.g. irEnum("Partition", "candidates"). */
export function irEnum(...path: string[]): string[] {
  const node = at(path);
  if (!node.enum) throw new Error(`IR schema: ${path.join(".")} is not an enum`);
  return node.enum;
}

/** The `kind` constants of a oneOf definition, e.g. irKinds("RewardCheck") → math, numeric, …. */
export function irKinds(definition: string): string[] {
  const variants = definitions[definition]?.oneOf ?? [];
  return variants.map((v) => v.properties?.["kind"]?.const).filter((k): k is string => typeof k === "string");
}

/** The bundled tokenizer names. */
export function irBundledTokenizers(): string[] {
  const variants = at(["Tokenizer", "source"]).oneOf ?? [];
  return variants.flatMap((v) => v.properties?.["bundled"]?.enum ?? []);
}
