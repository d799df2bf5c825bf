/** Prompt templates: the exact text the policy sees for a problem and a hint, with the hint's offsets. */
export { renderPrompt, type RenderedPrompt, type TemplateIr, type Placement } from "./render.ts";
