/** Loads the labelled verifier corpus in test/fixtures/verify/ (every top-level *.jsonl file). */
import { readdirSync, readFileSync } from "node:fs";
import type { RewardCheck } from "../../src/ir/index.ts";
import { defaultCheck } from "../../src/runtime/verify/defaults.ts";

export interface CorpusCase {
  id: string;
  kind: RewardCheck["kind"];
  gold: string | number;
  pred: string;
  expected: boolean;
  note: string;
  check?: Record<string, unknown>;
  /** The file the case came from. */
  file: string;
}

export const CORPUS_DIR = new URL("../fixtures/verify/", import.meta.url);

export function loadCorpus(): CorpusCase[] {
  const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".jsonl")).sort();
  return files.flatMap((file) =>
    readFileSync(new URL(file, CORPUS_DIR), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => ({ ...(JSON.parse(line) as Omit<CorpusCase, "file">), file })),
  );
}

/** The check a case is graded with: the kind's defaults with the case's overrides. */
export function checkOf(c: CorpusCase): RewardCheck {
  return defaultCheck(c.kind, c.check as never);
}

export interface KnownIssue {
  id: string;
  reason: string;
}

export function loadKnownIssues(): KnownIssue[] {
  return (JSON.parse(readFileSync(new URL("known-issues.json", CORPUS_DIR), "utf8")) as { issues: KnownIssue[] }).issues;
}
