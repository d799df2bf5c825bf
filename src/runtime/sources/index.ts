/** Sources: problems and reference chains from local data files (JSONL, JSON, Parquet, Arrow). */
export type { Chain, ChainShape, Problem, SourceContext, SourceProgress, RequestCounts, DiagnosticSink, GenerationTuning } from "./types.ts";
export { readProblems } from "./read-problems.ts";
export { verifyChains, VerificationTally, FLAGGED_INCORRECT, type Verdict, type AnswerChecker, type ChainVerification } from "./verify-chains.ts";
export { joinReasoning, shapeOf, makeChain, THINK_END } from "./chain-shape.ts";
export { readPath, formatPath } from "./field-path.ts";
export { passesFilter } from "./filter.ts";
export { problemTextId } from "./problem-id.ts";
export { extractFinalAnswer } from "./extract.ts";
export { columnsOf } from "./records/open.ts";
