/**
 * Reading log p(end | prefix) out of one completions choice. Two shapes are understood:
 *
 * - OpenAI's `logprobs` with `echo: true`: `tokens`, `token_logprobs` and `text_offset` (offsets in code
 *   points of the echoed text) cover the prompt and then the generated token. The end text is the prompt's
 *   last characters; the log-probabilities of the tokens that overlap it are summed (a multi-token end, or a
 *   token merged across the seam, counts whole).
 * - vLLM's `prompt_logprobs`: one entry per prompt token, each a map of candidates with `logprob` and
 *   `decoded_token`; walking back from the last token, the entries whose text covers the end are summed.
 */
import { codePointLength } from "../../tokenize/measure.ts";
import { ScorerError } from "../types.ts";

interface EchoLogprobs {
  tokens?: string[];
  token_logprobs?: Array<number | null>;
  text_offset?: number[];
}
type PromptLogprob = Record<string, { logprob: number; decoded_token?: string }> | null;

/** The end token's log-probability in a choice; throws ScorerError when the choice has none. */
export function endLogprob(choice: unknown, prompt: string, end: string): number {
  const c = choice as { logprobs?: EchoLogprobs | null; prompt_logprobs?: PromptLogprob[] | null };
  if (Array.isArray(c.prompt_logprobs)) return fromPromptLogprobs(c.prompt_logprobs, end);
  const lp = c.logprobs;
  if (lp != null && Array.isArray(lp.text_offset) && Array.isArray(lp.token_logprobs)) {
    return fromEcho(lp.text_offset, lp.token_logprobs, codePointLength(prompt), codePointLength(end));
  }
  throw new ScorerError(
    "the endpoint returned no prompt log-probabilities (it must support echo with logprobs, or prompt_logprobs)",
    "no_logprobs",
  );
}

function fromEcho(offsets: number[], logprobs: Array<number | null>, promptLength: number, endLength: number): number {
  const endStart = promptLength - endLength;
  let sum = 0;
  let found = false;
  for (let k = 0; k < offsets.length && offsets[k]! < promptLength; k++) {
    const tokenEnd = Math.min(offsets[k + 1] ?? promptLength, promptLength);
    if (tokenEnd <= endStart) continue;
    const value = logprobs[k];
    if (value == null) throw new ScorerError("the end token has no log-probability (it was the prompt's first token)", "no_logprobs");
    sum += value;
    found = true;
  }
  if (!found) throw new ScorerError("the echoed tokens do not cover the end token", "no_logprobs");
  return sum;
}

function fromPromptLogprobs(entries: PromptLogprob[], end: string): number {
  let covered = "";
  let sum = 0;
  for (let k = entries.length - 1; k >= 0 && covered.length < end.length; k--) {
    const entry = entries[k];
    if (entry == null) throw new ScorerError("the end token has no log-probability (it was the prompt's first token)", "no_logprobs");
    const options = Object.values(entry);
    // With several candidates listed, the prompt's own token is the one whose text continues the suffix.
    const own = options.length === 1 ? options[0]! : options.find((o) => end.endsWith((o.decoded_token ?? "") + covered)) ?? options[0]!;
    covered = (own.decoded_token ?? "") + covered;
    sum += own.logprob;
  }
  if (covered.length < end.length) throw new ScorerError("the prompt log-probabilities do not cover the end token", "no_logprobs");
  return sum;
}
