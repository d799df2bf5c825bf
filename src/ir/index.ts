/**
 * The IR: the one contract between compiler, runtime and trainer. This folder imports nothing else of ours.
 */
export type * from "./types.generated.ts";
export { validateIr, assertIr, type IrError } from "./validate.ts";
import type { HintIR, Model, RewardCheck, Scorer, Schedule, Source } from "./types.generated.ts";

/** The IR version this build reads and writes. */
export const IR_VERSION = 1;

export type RewardKind = RewardCheck["kind"];
export type CheckOf<K extends RewardKind> = Extract<RewardCheck, { kind: K }>;
export type ScheduleOf<K extends Schedule["kind"]> = Extract<Schedule, { kind: K }>;
export type ScorerOf<K extends Scorer["kind"]> = Extract<Scorer, { kind: K }>;
export type ModelOf<K extends Model["kind"]> = Extract<Model, { kind: K }>;
export type SourceFields = Source["fields"];
export type Partition = HintIR["partition"];
export type PartitionMethod = Partition["method"];
export type Train = NonNullable<HintIR["train"]>;
