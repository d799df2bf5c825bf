/** Lowering of `source` blocks: field references, filters, generation, roles and formats. */
import type { FieldRef, Filter, Generate, Source } from "../../ir/index.ts";
import { child, get, has, must } from "../check/checked.ts";
import { sourceFormatOf } from "../check/formats.ts";
import type { SourcePlan } from "../check/rules.ts";
import type { CheckedBlock } from "../check/walk.ts";
import { lowerEndpoint } from "./parts.ts";

const OPTIONAL_FIELDS = ["id", "chain", "chain_correct", "reasoning"] as const;

/** The IR sources, in spec order; unused sources (HC2009) are not in the plan and not lowered. */
export function lowerSources(plan: SourcePlan): Source[] {
  const byName = new Map(plan.included.map((s) => [s.label!, s]));
  return plan.included.map((source) => lowerSource(source, plan, byName));
}

function lowerSource(source: CheckedBlock, plan: SourcePlan, byName: Map<string, CheckedBlock>): Source {
  const generate = child(source, "generate");
  const from = generate ? get<string | null>(generate, "from") ?? null : null;
  // A source that generates from another has no file of its own: it reads the other source's problems.
  const fileOwner = from !== null ? (byName.get(from) ?? source) : source;
  const file = must<string>(fileOwner, "file");
  const fields: Source["fields"] = { problem: must<FieldRef>(source, "problem"), answer: must<FieldRef>(source, "answer") };
  for (const name of OPTIONAL_FIELDS) if (has(source, name)) fields[name] = must<FieldRef>(source, name);
  return {
    name: source.label!,
    file,
    format: get<Source["format"]>(fileOwner, "format") ?? sourceFormatOf(file)!,
    fields,
    filter: must<Filter | null>(source, "where"),
    limit: must<number | null>(source, "limit"),
    generate: generate ? lowerGenerate(generate, from) : null,
    role: plan.roles.get(source.label!) ?? "dataset",
  };
}

function lowerGenerate(block: CheckedBlock, from: string | null): Generate {
  return {
    from,
    endpoint: lowerEndpoint(block),
    api: must(block, "api"),
    prompt: must(block, "prompt"),
    system: must(block, "system"),
    samples: must(block, "samples"),
    temperature: must(block, "temperature"),
    top_p: must(block, "top_p"),
    max_tokens: must(block, "max_tokens"),
    stop: must(block, "stop"),
  };
}
