/** The protocol's version and op names (specs/protocol.md). */

/** The protocol version this client speaks; the worker lists the versions it speaks in its hello. */
export const PROTOCOL_VERSION = 1;

/** Every request op, plus "hello" (the worker's first frame, answered to no request). */
export type OpName =
  | "hello"
  | "init"
  | "tokenize"
  | "decode"
  | "generate"
  | "logprobs"
  | "score_end"
  | "train_step"
  | "sft_step"
  | "save"
  | "load"
  | "shutdown";
