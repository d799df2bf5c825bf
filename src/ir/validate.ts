/**
 * The IR validator: ajv compiles the schema once per process, on first use.
 * Every stage that emits or reads an IR runs it, so a shape error surfaces where it is made.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import schema from "./schema.json" with { type: "json" };
import type { HintIR } from "./types.generated.ts";

let compiled: ValidateFunction<HintIR> | undefined;

function validator(): ValidateFunction<HintIR> {
  compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile<HintIR>(schema);
  return compiled;
}

/** One schema violation, with the JSON pointer of the offending value. */
export interface IrError {
  pointer: string;
  message: string;
}

/** Checks a value against the IR schema; returns the violations (empty when valid). */
export function validateIr(value: unknown): IrError[] {
  const check = validator();
  if (check(value)) return [];
  return (check.errors ?? []).map(toIrError);
}

/** Narrows a value to HintIR, or throws listing every violation (a bug: stages never emit a bad IR). */
export function assertIr(value: unknown): HintIR {
  const errors = validateIr(value);
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.pointer || "/"}: ${e.message}`).join("\n");
    throw new Error(`invalid IR:\n${lines}`);
  }
  return value as HintIR;
}

function toIrError(error: ErrorObject): IrError {
  return { pointer: error.instancePath, message: error.message ?? error.keyword };
}
