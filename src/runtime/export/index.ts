/** Exports of compiled data sets for verl, TRL and OpenRLHF, with their reward functions. See README.md. */
export { exportDataset, defaultOutput, type ExportOptions, type ExportReport, type ExportResult } from "./export.ts";
export { TARGETS, TARGET_BY_NAME, type TargetName, type Target } from "./targets.ts";
export { rowMessages, userTurn, type Message, type HintPlacement } from "./messages.ts";
export { shimSource, writeShim } from "./shims.ts";
