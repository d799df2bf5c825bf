/** hintc's version, read once from package.json (one source of truth). */
import pkg from "../../package.json" with { type: "json" };

export const HINTC_VERSION: string = pkg.version;
