#!/usr/bin/env node
// The published entry point: hintc ships its TypeScript sources and runs them through tsx,
// so a clean clone works after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
