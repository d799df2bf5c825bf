/** Helpers for generation tests: a Generate IR block for a test server, and real problems to send. */
import type { Generate } from "../../src/ir/index.ts";
import { problemTextId } from "../../src/runtime/sources/problem-id.ts";
import type { Problem } from "../../src/runtime/sources/index.ts";
import { fixturePath, readJsonlRows } from "./source-files.ts";

/** Chat generation against `baseUrl`: 4 samples, key from $HINTC_TEST_KEY, short timeout, many retries. */
export function generateFor(baseUrl: string, overrides: Partial<Generate> = {}, endpoint: Partial<Generate["endpoint"]> = {}): Generate {
  return {
    from: null,
    endpoint: { base_url: baseUrl, model: "test-model", api_key: { env: "HINTC_TEST_KEY" }, timeout_ms: 500, retries: 12, concurrency: 8, ...endpoint },
    api: "chat",
    prompt: "Solve the problem. Put the final answer in \\boxed{}.\n\n{problem}",
    system: null,
    samples: 4,
    temperature: 0.6,
    top_p: 0.95,
    max_tokens: 1024,
    stop: [],
    ...overrides,
  };
}

/** The first `count` GSM8K test problems (count ≤ 500), with their reference solution as a file chain. */
export function gsm8kProblems(count: number): Problem[] {
  return readJsonlRows(fixturePath("gsm8k-test-500"))
    .slice(0, count)
    .map((r, row) => {
      const solution = String(r["answer"]);
      return {
        id: problemTextId(String(r["question"])),
        source: "gsm8k",
        problem: String(r["question"]),
        answer: solution.split("#### ")[1] ?? "",
        chains: [{ text: solution, shape: "plain", flagged_correct: null, index: 0, origin: "file" }],
        row,
      };
    });
}

export async function* streamOf<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
