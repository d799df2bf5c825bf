/**
 * Verifiable reward checks: what the compiler uses to verify chains, the trainer to score rollouts, and
 * `hintc eval` to grade answers. See README.md for the rules.
 */
export { checkAnswer } from "./check.ts";
export { VerifierPool, type CheckItem, type VerifierPoolOptions } from "./pool.ts";
export type { Verdict, VerdictStatus } from "./verdict.ts";
export { defaultCheck, DEFAULT_MATH_TOLERANCE, DEFAULT_TIMEOUT_MS, isRewardKind } from "./defaults.ts";
export { extractAnswer, type Extraction } from "./extract.ts";
export { auditFile, parseAuditLine, type AuditEvent, type AuditLine, type AuditResult, type AuditSummary } from "./audit.ts";
