/**
 * The bundled benchmarks as a test reads them, independently of hintc's readers: JSON.parse per line for the
 * JSONL sets, DuckDB for ARC-Challenge's Parquet, a plain brace scan for Minerva's boxed answers. Gives each
 * problem's question (as the model is shown it) and gold answer, in file order.
 */
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

export interface Truth {
  question: string;
  gold: string;
  kind: "math" | "choice";
}

const ROOT = new URL("../../benchmarks/", import.meta.url);
const FIXTURES = new URL("../fixtures/eval/", import.meta.url);

function jsonl(url: URL): Record<string, any>[] {
  return readFileSync(url, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

/** The last \boxed{…} of a solution, by balanced braces. */
export function lastBoxed(text: string): string {
  const at = text.lastIndexOf("\\boxed{");
  let depth = 0;
  for (let i = at + "\\boxed".length; i < text.length; i++) {
    if (text[i] === "{") depth++;
    if (text[i] === "}" && --depth === 0) return text.slice(at + "\\boxed{".length, i);
  }
  throw new Error("unclosed box");
}

const math = (question: string, gold: unknown): Truth => ({ question, gold: String(gold), kind: "math" });

/** The first `limit` problems of a bundled benchmark (or `gpqa` for the made-up fixture). */
export async function benchmarkTruth(name: string, limit: number): Promise<Truth[]> {
  switch (name) {
    case "aime24":
    case "aime25":
    case "amc23":
    case "math500":
      return jsonl(new URL(`${name}/test.jsonl`, ROOT)).slice(0, limit).map((r) => math(r.problem, r.answer));
    case "minerva":
      return jsonl(new URL("minerva/test.jsonl", ROOT)).slice(0, limit).map((r) => math(r.problem, lastBoxed(r.solution)));
    case "olympiadbench":
      return jsonl(new URL("olympiadbench/test.jsonl", ROOT)).slice(0, limit).map((r) => math(r.question, r.final_answer[0]));
    case "arc_challenge":
      return arcTruth(limit);
    case "gpqa":
      return jsonl(new URL("gpqa-madeup.jsonl", FIXTURES)).slice(0, limit).map((r) => ({
        question: `${r.question}\n\n${(r.options as string[]).map((o, i) => `${"ABCD"[i]}) ${o}`).join("\n")}`,
        gold: r.answer,
        kind: "choice",
      }));
    default:
      throw new Error(`no truth for ${name}`);
  }
}

async function arcTruth(limit: number): Promise<Truth[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const path = new URL("arc_challenge/valid.arc_c.parquet", ROOT).pathname;
  const reader = await db.runAndReadAll(`SELECT prompt[-1].content AS q, reward_model.ground_truth AS g FROM read_parquet('${path}') LIMIT ${limit}`);
  const rows = reader.getRowObjectsJson() as Array<{ q: string; g: string }>;
  db.closeSync();
  return rows.map((r) => ({ question: r.q, gold: r.g, kind: "choice" }));
}

/** C(n, k) exactly. */
export function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

/** pass@k of one problem by the definition, 1 − C(n−c, k)/C(n, k), in exact arithmetic until the last division. */
export function passAtKByHand(n: number, c: number, k: number): number {
  const all = choose(n, k);
  const none = choose(n - c, k);
  // Scale before dividing so the quotient keeps 15 significant digits.
  const scale = 10n ** 18n;
  return 1 - Number((none * scale) / all) / 1e18;
}
