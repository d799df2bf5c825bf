/** Exit codes, one meaning each. */
export const EXIT = {
  ok: 0,
  /** The input is wrong: diagnostics were printed. */
  input: 1,
  /** The command line is wrong. */
  usage: 2,
  /** A bug in hintc. */
  internal: 3,
} as const;

/** Thrown by command code for a wrong command line the parser could not catch (two conflicting flags). */
export class UsageError extends Error {}
