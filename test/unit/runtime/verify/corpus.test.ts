import { describe, expect, it } from "vitest";
import { checkAnswer } from "../../../../src/runtime/verify/check.ts";
import { checkOf, loadCorpus, loadKnownIssues } from "../../../support/verify-corpus.ts";

const corpus = loadCorpus();
const known = loadKnownIssues();

describe("the labelled verifier corpus", () => {
  const misses = corpus.filter((c) => checkAnswer(checkOf(c), c.gold, c.pred).correct !== c.expected).map((c) => c.id);

  it("has at least 400 cases with unique ids, from every source format", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
    const sources = new Set(corpus.map((c) => c.id.split("/")[0]));
    for (const s of ["math500", "math-train", "aime24", "aime25", "amc23", "minerva", "olympiadbench", "gsm8k", "arc", "gpqa", "thought-anchors", "hand"]) {
      expect(sources, s).toContain(s);
    }
  });

  it("has right and wrong predictions in every source", () => {
    for (const source of new Set(corpus.map((c) => c.id.split("/")[0]))) {
      const labels = new Set(corpus.filter((c) => c.id.startsWith(`${source}/`)).map((c) => c.expected));
      expect([...labels].sort(), source).toEqual([false, true]);
    }
  });

  it("agrees with at least 98% of the labels", () => {
    const agreement = 1 - misses.length / corpus.length;
    expect(agreement).toBeGreaterThanOrEqual(0.98);
  });

  it("misses exactly the cases listed in known-issues.json", () => {
    // A new miss must be fixed or listed with its reason; a listed case that now passes must be unlisted.
    expect([...misses].sort()).toEqual(known.map((k) => k.id).sort());
  });

  it("lists known issues with a reason each, for cases that exist", () => {
    const ids = new Set(corpus.map((c) => c.id));
    for (const issue of known) {
      expect(ids.has(issue.id), issue.id).toBe(true);
      expect(issue.reason.length, issue.id).toBeGreaterThan(20);
    }
  });
});
