/**
 * Advantages: GRPO's group-relative advantage per rollout, then StepHint's per-token rule. Formulas and their
 * sources are in specs/algorithm.md; the section names there are quoted in the comments below.
 */
import type { Train } from "../ir/index.ts";

/** Added to the group's standard deviation so a near-constant group does not blow up ("GRPO advantage"). */
export const STD_EPSILON = 1e-6;

/** What a group member is: the trainer treats the three kinds' tokens differently. */
export type MemberKind = "unhinted" | "hint" | "reference";

/**
 * A_i for every member of one group from its rewards r_i:
 * `std`: (r_i − mean) / (std + ε), std the sample standard deviation (n − 1), as GRPO implementations do;
 * `no_std`: r_i − mean (Dr. GRPO). A group of one member, or of equal rewards, gets zeros.
 */
export function groupAdvantages(rewards: readonly number[], mode: Train["advantage"]): number[] {
  const n = rewards.length;
  if (n < 2) return rewards.map(() => 0);
  const mean = rewards.reduce((a, b) => a + b, 0) / n;
  const centred = rewards.map((r) => r - mean);
  if (mode === "no_std") return centred;
  const variance = centred.reduce((a, c) => a + c * c, 0) / (n - 1);
  const std = Math.sqrt(variance);
  return centred.map((c) => c / (std + STD_EPSILON));
}

/** How a member's response tokens learn, per the spec's train.hint_tokens and train.reference_tokens. */
export interface TokenRules {
  hint_tokens: Train["hint_tokens"];
  reference_tokens: Train["reference_tokens"];
}

/** The per-token training values of one member's response (forced prefix, then its own continuation). */
export interface ResponseTokens {
  /** Per response token: 1 when it enters the loss. */
  mask: Uint8Array;
  /** Per response token advantage (0 where masked). */
  advantages: Float32Array;
  /** Per response token: 1 where the PPO ratio is fixed at 1 (off-policy reference tokens). */
  ratioOne: Uint8Array;
}

/**
 * Spreads a member's advantage A over its response tokens ("per-token rule" in specs/algorithm.md):
 * the first `prefixLength` tokens are the forced hint; hint tokens get max(A, 0) (non_negative), are masked
 * out (exclude) or get A (full); the continuation always gets A. A reference member's tokens all get A with
 * the ratio fixed at 1 (ratio_one) or are masked out (exclude).
 */
export function responseTokens(
  kind: MemberKind,
  advantage: number,
  prefixLength: number,
  responseLength: number,
  rules: TokenRules,
): ResponseTokens {
  const mask = new Uint8Array(responseLength);
  const advantages = new Float32Array(responseLength);
  const ratioOne = new Uint8Array(responseLength);
  if (kind === "reference") {
    if (rules.reference_tokens === "exclude") return { mask, advantages, ratioOne };
    mask.fill(1);
    advantages.fill(advantage);
    ratioOne.fill(1);
    return { mask, advantages, ratioOne };
  }
  const hintEnd = Math.min(prefixLength, responseLength);
  if (rules.hint_tokens !== "exclude") {
    mask.fill(1, 0, hintEnd);
    advantages.fill(rules.hint_tokens === "non_negative" ? Math.max(advantage, 0) : advantage, 0, hintEnd);
  }
  mask.fill(1, hintEnd);
  advantages.fill(advantage, hintEnd);
  return { mask, advantages, ratioOne };
}
