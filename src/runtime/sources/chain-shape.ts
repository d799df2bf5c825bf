/** Reasoning chains in their common shapes, kept byte for byte. */
import type { Chain, ChainShape } from "./types.ts";

/** The marker that ends a reasoning block (R1, QwQ and their distills). */
export const THINK_END = "</think>";

/**
 * The text of a chain whose reasoning came in a field of its own (DeepSeek's `reasoning_content`):
 * exactly `"<think>\n" + reasoning + "\n</think>\n" + content`. Neither part is trimmed, so the content's
 * offsets shift by a known amount: `reasoning.length + 18` UTF-16 units.
 */
export function joinReasoning(reasoning: string, content: string): string {
  return `<think>\n${reasoning}\n${THINK_END}\n${content}`;
}

/** The shape of a chain's text: `think` when it holds `</think>`, else `plain`. */
export function shapeOf(text: string): Exclude<ChainShape, "reasoning_field"> {
  return text.includes(THINK_END) ? "think" : "plain";
}

/**
 * A chain from its parts. A non-empty `reasoning` is placed before the text with {@link joinReasoning} and
 * the shape is `reasoning_field`; otherwise the text is kept as given and its shape read off it.
 */
export function makeChain(
  text: string,
  reasoning: string | null,
  origin: Chain["origin"],
  index: number,
  flagged_correct: boolean | null,
): Chain {
  if (reasoning !== null && reasoning !== "") {
    return { text: joinReasoning(reasoning, text), shape: "reasoning_field", flagged_correct, index, origin };
  }
  return { text, shape: shapeOf(text), flagged_correct, index, origin };
}
