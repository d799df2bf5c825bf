/** Default checks, as the IR's defaults fill them in; used by `hintc verify --kind` and by tests. */
import type { CheckOf, RewardCheck, RewardKind } from "../../ir/index.ts";

/** Every check's time limit unless the spec says otherwise. */
export const DEFAULT_TIMEOUT_MS = 2_000;
/** The math check's relative tolerance for values that are not both exact. */
export const DEFAULT_MATH_TOLERANCE = 1e-6;

const DEFAULTS: { [K in RewardKind]: CheckOf<K> } = {
  math: { kind: "math", timeout_ms: DEFAULT_TIMEOUT_MS, tolerance: DEFAULT_MATH_TOLERANCE },
  numeric: { kind: "numeric", timeout_ms: DEFAULT_TIMEOUT_MS, tolerance: 1e-6, relative: true },
  choice: { kind: "choice", timeout_ms: DEFAULT_TIMEOUT_MS, choices: "ABCD" },
  exact: { kind: "exact", timeout_ms: DEFAULT_TIMEOUT_MS, case_sensitive: false, normalize: true },
  regex: { kind: "regex", timeout_ms: DEFAULT_TIMEOUT_MS, pattern: "(.+)" },
};

/** The default check of a kind, with some fields replaced. */
export function defaultCheck<K extends RewardKind>(kind: K, overrides: Partial<CheckOf<K>> = {}): CheckOf<K> {
  return { ...DEFAULTS[kind], ...overrides } as CheckOf<K>;
}

/** True for the names of check kinds. */
export function isRewardKind(name: string): name is RewardKind {
  return name in DEFAULTS;
}

export type { RewardCheck };
