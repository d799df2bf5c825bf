/** A step's metrics as the driver writes them, with round numbers for the reporting tests. */
import type { StepMetrics } from "../../src/trainer/metrics.ts";

export function stepMetricsExample(step: number): StepMetrics {
  return {
    kind: "step",
    step,
    epoch: 0,
    problems: 2,
    reward: 0.25,
    accuracy: 0.25,
    response_length: 41.6,
    truncated: 0.1,
    levels: {
      "0": { rollouts: 10, reward: 0.1, accuracy: 0.1, response_length: 50 },
      "1": { rollouts: 4, reward: 0.25, accuracy: 0.25, response_length: 40 },
      "2": { rollouts: 4, reward: 0.5, accuracy: 0.5, response_length: 30 },
      ref: { rollouts: 2, reward: 1, accuracy: 1, response_length: 0 },
    },
    zero_signal_groups: 0,
    loss: 0.01234,
    clip_fraction: 0.0213,
    kl: 0,
    grad_norm: 0.5,
    entropy: 2.5,
    train_tokens: 1000,
    generated_tokens: 750,
    forced_tokens: 120,
    budget: { unhinted: 10 * step, hint: 8 * step, reference: 2 * step, generated_tokens: 750 * step, forced_tokens: 120 * step },
    seconds: { generate: 0.5, reward: 0.1, train: 0.4, step: 1.25 },
    tokens_per_second: 1400,
    elapsed: 12.5 * step,
    eta: 200,
  };
}
