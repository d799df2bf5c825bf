/** The engine protocol's TypeScript side: the Engine interface, its client over a Python worker, the codec. */
export * from "./engine.ts";
export { EngineClient, DEFAULT_TIMEOUTS_MS, type EngineClientOptions } from "./client.ts";
export { PROTOCOL_VERSION, type OpName } from "./ops.ts";
export { encodeFrame, decodeFrame, FrameReader, FrameError } from "./frame.ts";
export { findPython, isFound, TORCH_INSTALL_HINT, type PythonFound, type PythonMissing } from "./python.ts";
export { engineCommand, ENGINE_PYTHONPATH } from "./launch.ts";
export { engineErrorDiagnostic } from "./diagnostics.ts";
export { modelWithAbsolutePaths } from "./model-paths.ts";
