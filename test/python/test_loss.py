"""The train_step loss against hand-written autograd on the built-in model (tiny config, seed 0, CPU)."""
import unittest

import torch
import torch.nn.functional as F

from engine.models import load_builtin
from engine.scoring import token_logprobs
from engine.tensors import RequestError
from engine.training import StepSums, global_weights, plan_rounds, ppo_round

CONFIG = {"vocab": "0123456789+=;", "d_model": 16, "layers": 1, "heads": 2, "max_len": 32}


def fresh_policy():
    torch.manual_seed(0)
    return load_builtin(CONFIG, torch.device("cpu"), None)


def grads(policy):
    return torch.cat([p.grad.reshape(-1) for p in policy.core.parameters() if p.grad is not None])


class LossTests(unittest.TestCase):
    def setUp(self):
        self.seq = torch.tensor([2, 12, 3, 14, 5, 6, 14, 7, 13])
        self.mask = torch.tensor([0, 0, 0, 0, 1, 1, 1, 1, 1], dtype=torch.float32)
        self.adv = self.mask * 0.7

    def batch(self, old, r1):
        return {"tokens": [self.seq], "mask": [self.mask], "adv": [self.adv], "old": [old], "r1": [r1],
                "clip_low": 0.2, "clip_high": 0.2, "kl_coef": 0.0}

    def engine_grad(self, policy, old, r1, agg="token_mean", divisor=None):
        weights = global_weights([self.mask], agg, divisor)
        ppo_round(policy, self.batch(old, r1), [0], weights, 1, StepSums()).backward()
        return grads(policy)

    def manual_logp(self, policy):
        ids = self.seq[None]
        logits, _ = policy.forward(ids, torch.ones_like(ids), torch.arange(len(self.seq))[None])
        return token_logprobs(logits, ids)[0]

    def test_ratio_one_tokens_get_the_gradient_of_A_logpi_whatever_old_says(self):
        policy = fresh_policy()
        r1 = self.mask.bool()
        got = self.engine_grad(policy, torch.full_like(self.mask, -30.0), r1)
        ref = fresh_policy()
        (-(self.adv * self.manual_logp(ref)).sum() / self.mask.sum()).backward()
        self.assertLess(float((got - grads(ref)).abs().max()), 1e-6)

    def test_inside_the_clip_range_the_gradient_is_that_of_ratio_times_A(self):
        policy = fresh_policy()
        with torch.no_grad():
            old = self.manual_logp(policy) - 0.05  # ratio about 1.05
        got = self.engine_grad(policy, old * self.mask, torch.zeros_like(self.mask, dtype=torch.bool))
        ref = fresh_policy()
        ratio = torch.exp(self.manual_logp(ref) - old)
        (-(ratio * self.adv * self.mask).sum() / self.mask.sum()).backward()
        self.assertLess(float((got - grads(ref)).abs().max()), 1e-6)

    def test_beyond_the_clip_range_positive_advantages_give_no_gradient(self):
        policy = fresh_policy()
        with torch.no_grad():
            old = self.manual_logp(policy) - 0.5  # ratio about 1.65 > 1.2
        got = self.engine_grad(policy, old * self.mask, torch.zeros_like(self.mask, dtype=torch.bool))
        self.assertEqual(float(got.abs().max()), 0.0)

    def test_k3_kl_is_zero_against_an_identical_reference_and_positive_after_a_change(self):
        policy = fresh_policy()
        policy.freeze_reference()
        batch = self.batch(torch.zeros_like(self.mask), torch.zeros_like(self.mask, dtype=torch.bool))
        batch["kl_coef"] = 0.1
        sums = StepSums()
        ppo_round(policy, batch, [0], global_weights([self.mask], "token_mean"), 1, sums)
        self.assertAlmostEqual(sums.values["kl"], 0.0, places=6)
        with torch.no_grad():
            policy.core.head.weight.mul_(3.0)  # sharper logits: the same argmax, other probabilities
        sums = StepSums()
        ppo_round(policy, batch, [0], global_weights([self.mask], "token_mean"), 1, sums)
        self.assertGreater(sums.values["kl"], 1e-4)

    def test_seq_mean_weights_each_sequence_equally(self):
        masks = [torch.tensor([0, 1, 1, 1, 1.0]), torch.tensor([0, 0, 1.0])]
        w = global_weights(masks, "seq_mean")
        self.assertAlmostEqual(float(w[0].sum()), 0.5, places=6)
        self.assertAlmostEqual(float(w[1].sum()), 0.5, places=6)
        t = global_weights(masks, "token_mean")
        self.assertAlmostEqual(float(t[0].sum()), 0.8, places=6)

    def test_token_sum_divides_the_sum_by_the_constant_not_by_the_token_count(self):
        policy = fresh_policy()
        with torch.no_grad():
            old = self.manual_logp(policy) - 0.05
        got = self.engine_grad(policy, old * self.mask, torch.zeros_like(self.mask, dtype=torch.bool), "token_sum", 96.0)
        ref = fresh_policy()
        ratio = torch.exp(self.manual_logp(ref) - old)
        (-(ratio * self.adv * self.mask).sum() / 96.0).backward()
        self.assertLess(float((got - grads(ref)).abs().max()), 1e-6)
        # A longer batch does not shrink a token's weight, as token_mean's would.
        masks = [torch.tensor([0, 1, 1.0]), torch.tensor([0, 1, 1, 1, 1, 1.0])]
        w = global_weights(masks, "token_sum", 2 * 48.0)
        self.assertTrue(torch.allclose(w[0][1:], torch.full((2,), 1 / 96.0)))
        self.assertTrue(torch.allclose(w[1][1:], torch.full((5,), 1 / 96.0)))

    def test_token_sum_without_a_positive_divisor_is_refused(self):
        for divisor in (None, 0.0, float("nan")):
            with self.assertRaises(RequestError):
                global_weights([self.mask], "token_sum", divisor)

    def test_every_rank_plans_the_same_number_of_micro_batches(self):
        lengths = [27, 19, 10, 10, 8, 8, 8]
        plans = [plan_rounds(lengths, 20, 2, r) for r in range(2)]
        self.assertEqual(len(plans[0]), len(plans[1]))
        covered = sorted(i for p in plans for chunk in p for i in chunk)
        self.assertEqual(covered, list(range(len(lengths))))
        self.assertIn([], plans[1])  # rank 1 has fewer real micro-batches and pads with an empty one


class SamplingTests(unittest.TestCase):
    def test_top_p_never_draws_outside_the_nucleus(self):
        from engine.sampling import draw

        logits = torch.log(torch.tensor([[0.5, 0.3, 0.15, 0.05]])).repeat(2000, 1)
        gen = torch.Generator().manual_seed(0)
        picks = draw(logits, 1.0, 0.7, gen)
        self.assertEqual(set(picks.tolist()), {0, 1})
        self.assertTrue(torch.equal(draw(logits[:3], 0.0, 1.0, gen), torch.zeros(3, dtype=torch.long)))


if __name__ == "__main__":
    unittest.main()
