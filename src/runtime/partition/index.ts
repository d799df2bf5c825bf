/**
 * Partitioning: verified chains into steps (StepHint's adaptive partitioner and the baselines), the hint
 * levels of each chain's group, and the partition stage the executor drives. See README.md.
 */
export type { Steps, Rejected, ScoreRequest, EndScorer, TextMeasurer, PartitionIr } from "./types.ts";
export { isRejected, ScorerError } from "./types.ts";
export { partitionChain, partitionBaseline, partitionAdaptive, sliceSteps, DEFAULT_END_TOKEN, type PartitionDeps } from "./partition.ts";
export { candidatePositions, type CandidateKind } from "./candidates.ts";
export { greedy, balanced, withPolicy, type TooFew, type RejectReason, type Selection, type Layout } from "./select.ts";
export { levelsFor, hintLevels, hintOf, type LevelRow, type LevelsIr } from "./levels.ts";
export { seededRng, shuffled } from "../random.ts";
export { PartitionPool, type PoolOptions } from "./pool.ts";
export { CachedScorer, type BatchingScorer, type OnBatch } from "./scorers/cache.ts";
export { EndpointScorer, type EndpointScorerOptions, type RequestCounts } from "./scorers/endpoint.ts";
export { EngineScorer } from "./scorers/engine.ts";
export { endLogprob } from "./scorers/logprobs.ts";
export { PartitionStats, describeStats, type PartitionSummary, type LengthSummary } from "./stats.ts";
export { PartitionStage, hintRows, type StageContext, type ChainInput, type StageOutcome, type HintRow } from "./stage.ts";
