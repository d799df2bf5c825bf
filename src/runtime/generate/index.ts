/** Generation: reference chains sampled from a strong model through any OpenAI-compatible endpoint. */
export { generateChains } from "./generate-chains.ts";
export { sourceProblems, problemsToGenerate } from "./source-problems.ts";
export { dryRunGeneration, dryRunSource, type DryRun } from "./dry-run.ts";
export { orderedMap } from "./ordered.ts";
export { generationCacheDir } from "./run.ts";
export { requestBody, requestKey, endpointId, chunksOf, renderPrompt, type Chunk } from "./plan.ts";
export { REQUEST_ID_HEADER } from "./client.ts";
