/**
 * Sampling and scoring a step's members: one generate request per distinct sample count (the engine samples
 * n per prompt), then every response (forced prefix + continuation) goes to the verifier. The reference
 * member is not sampled: its response is the chain itself.
 */
import { deriveSeed } from "../runtime/random.ts";
import type { PreparedMember } from "./members.ts";
import type { Engine, SamplingParams } from "./protocol/engine.ts";
import { pack, unpack } from "./ragged.ts";

/** A verifier's judgement of one response (the fields of the runtime's Verdict the trainer uses). */
export interface Judgement {
  correct: boolean;
  /** The reward. */
  score: number;
  /** The answer the verifier found in the response, kept for the logs. */
  extracted: string | null;
  status: string;
}

/** Judges responses against a problem's gold answer, in order. */
export type Judge = (gold: string, responses: readonly string[]) => Promise<Judgement[]>;

/** One sampled (or given) response of a group. */
export interface Rollout {
  member: PreparedMember;
  /** Tokens the policy generated after the forced prefix (empty for the reference). */
  generated: Int32Array;
  /** Log-probabilities of `generated` under the sampling policy. */
  generatedLogprobs: Float32Array;
  /** Log-probabilities of the forced tokens (hint), zeros for the reference (its ratio is fixed at 1). */
  forcedLogprobs: Float32Array;
  /** The whole response text: forced text, then the generated text. */
  text: string;
  finish: "stop" | "eos" | "length" | "given";
}

/** A rollout with its reward. */
export interface ScoredRollout extends Rollout {
  judgement: Judgement;
}

/** The sampling settings of a step (n and seed are filled per request). */
export type StepSampling = Omit<SamplingParams, "n" | "seed">;

/**
 * Samples every member block. `seedParts` name the request (step, round) so a resumed run draws the
 * same samples.
 */
export async function sampleMembers(
  engine: Engine,
  members: readonly PreparedMember[],
  sampling: StepSampling,
  seed: number,
  seedParts: Array<number | string>,
): Promise<Rollout[]> {
  const out: Rollout[] = [];
  const byCount = new Map<number, PreparedMember[]>();
  for (const m of members) {
    if (m.plan.kind === "reference") out.push(givenRollout(m));
    else pushTo(byCount, m.plan.rollouts, m);
  }
  for (const [n, block] of [...byCount].sort((a, b) => a[0] - b[0])) {
    const result = await engine.generate({
      prompts: pack(block.map((m) => m.prompt), Int32Array),
      prefixes: pack(block.map((m) => m.forced), Int32Array),
      sampling: { ...sampling, n, seed: deriveSeed(seed, "generate", ...seedParts, n) },
    });
    const tokens = unpack(result.tokens);
    const logprobs = unpack(result.logprobs);
    const prefixLogprobs = unpack(result.prefix_logprobs);
    block.forEach((member, i) => {
      for (let j = 0; j < n; j++) {
        const row = i * n + j;
        out.push({
          member,
          generated: tokens[row]!,
          generatedLogprobs: logprobs[row]!,
          forcedLogprobs: prefixLogprobs[row]!,
          text: member.forcedText + result.texts[row]!,
          finish: result.finish_reasons[row]!,
        });
      }
    });
  }
  return out;
}

function givenRollout(member: PreparedMember): Rollout {
  return {
    member,
    generated: new Int32Array(0),
    generatedLogprobs: new Float32Array(0),
    forcedLogprobs: new Float32Array(member.forced.length),
    text: member.forcedText,
    finish: "given",
  };
}

/** Judges every rollout against its problem's gold answer, one verifier call per problem. */
export async function judgeRollouts(rollouts: readonly Rollout[], golds: readonly string[], judge: Judge): Promise<ScoredRollout[]> {
  const byProblem = new Map<number, number[]>();
  rollouts.forEach((r, i) => pushTo(byProblem, r.member.problem, i));
  const judgements = new Array<Judgement>(rollouts.length);
  await Promise.all(
    [...byProblem].map(async ([problem, indices]) => {
      const verdicts = await judge(golds[problem]!, indices.map((i) => rollouts[i]!.text));
      indices.forEach((i, k) => (judgements[i] = verdicts[k]!));
    }),
  );
  return rollouts.map((r, i) => ({ ...r, judgement: judgements[i]! }));
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
