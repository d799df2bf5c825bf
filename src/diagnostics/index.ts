/** Diagnostics: the one error type of every stage, its code registry and its renderers. Imports nothing of ours. */
export * from "./types.ts";
export * from "./position.ts";
export * from "./codes.ts";
export * from "./render.ts";
