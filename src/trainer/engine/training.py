"""Policy updates: the PPO-clip loss on per-token advantages (train_step) and supervised steps (sft_step).

The exact loss is written out in specs/protocol.md ("train_step"). In short, for a response token t of
sequence i with advantage A, log-prob l = log pi(t) and sampling log-prob l_old:

    regular token:      L = -min(r A, clip(r, 1 - clip_low, 1 + clip_high) A),   r = exp(l - l_old)
    ratio-one token:    L = -A exp(l - stopgrad(l))    (value -A, gradient -A grad l; never clipped)
    plus, with kl_coef: kl_coef * (exp(l_ref - l) - (l_ref - l) - 1)   (the k3 estimator)

aggregated over the whole batch (not per micro-batch) as token_mean (sum / masked tokens), seq_mean (mean
over sequences of each sequence's token mean) or token_sum (sum / loss_divisor, a constant the client fixes:
Dr. GRPO's sequences x max_new_tokens). Every rank sums its share with these global weights and
multiplies by the world size, so DDP's gradient average gives exactly the one-process gradient.
"""
from __future__ import annotations

import contextlib

import torch
import torch.nn.functional as F

from .scoring import plan_chunks, right_padded, token_entropy, token_logprobs
from .tensors import Ragged, RequestError


def shard(lengths: list, world: int, rank: int) -> list:
    """This rank's sequence indices: longest first, dealt round-robin, so ranks get similar token counts."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return sorted(order[rank::world])


def plan_rounds(lengths: list, budget: int, world: int, rank: int) -> list:
    """This rank's micro-batches (lists of sequence indices), padded with [] to the largest count of any rank."""
    plans = []
    for r in range(world):
        mine = shard(lengths, world, r)
        plans.append([[mine[j] for j in chunk] for chunk in plan_chunks([lengths[i] for i in mine], budget)])
    rounds = max(len(p) for p in plans)
    return plans[rank] + [[] for _ in range(rounds - len(plans[rank]))]


def global_weights(mask_rows: list, agg: str, divisor: float | None = None) -> list:
    """Per-token loss weights over the whole batch (token_mean, seq_mean or token_sum), as float32 tensors."""
    counts = [int(m.sum()) for m in mask_rows]
    if agg == "token_sum":
        if divisor is None or not divisor > 0:
            raise RequestError("train_step: loss_agg token_sum needs a loss_divisor > 0")
        return [m.float() / divisor for m in mask_rows]
    if agg == "token_mean":
        total = max(1, sum(counts))
        return [m.float() / total for m in mask_rows]
    if agg == "seq_mean":
        seqs = max(1, sum(1 for c in counts if c > 0))
        return [m.float() / (seqs * max(1, c)) for m, c in zip(mask_rows, counts)]
    raise RequestError(f"train_step: loss_agg must be token_mean, seq_mean or token_sum, not {agg!r}")


def padded(rows: list, width: int, device, dtype=torch.float32) -> torch.Tensor:
    out = torch.zeros((len(rows), width), dtype=dtype)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out.to(device)


def _ragged(body: dict, key: str, dtype: str, like: Ragged | None) -> Ragged:
    r = Ragged.from_wire(body.get(key), dtype, key)
    if like is not None and not r.same_shape(like):
        raise RequestError(f"train_step: {key} must have the same lengths as tokens")
    return r


def parse_train_batch(body: dict) -> dict:
    tokens = _ragged(body, "tokens", "i32", None)
    mask = _ragged(body, "loss_mask", "u8", tokens)
    batch = {
        "tokens": tokens.rows(),
        "mask": [m.float() for m in mask.rows()],
        "adv": _ragged(body, "advantages", "f32", tokens).rows(),
        "old": _ragged(body, "old_logprobs", "f32", tokens).rows(),
        "r1": [m.bool() for m in _ragged(body, "ratio_one", "u8", tokens).rows()],
    }
    for m in batch["mask"]:
        if m.numel() and m[0] != 0:
            raise RequestError("train_step: position 0 of a sequence has no prediction; its loss_mask must be 0")
    try:
        for key in ("clip_low", "clip_high", "kl_coef", "lr"):
            batch[key] = float(body[key])
        batch["token_budget"] = int(body["token_budget"])
        batch["loss_agg"] = str(body["loss_agg"])
        batch["loss_divisor"] = float(body["loss_divisor"]) if body.get("loss_divisor") is not None else None
    except (KeyError, TypeError, ValueError) as err:
        raise RequestError(f"train_step: bad or missing field ({err})") from None
    return batch


class StepSums:
    """Metric sums of one rank, reduced over ranks at the end of a step."""

    NAMES = ("loss", "clipped", "clip_tokens", "kl", "entropy", "tokens")

    def __init__(self) -> None:
        self.values = dict.fromkeys(self.NAMES, 0.0)

    def add(self, **kv: float) -> None:
        for k, v in kv.items():
            self.values[k] += float(v)


@contextlib.contextmanager
def _clean_on_failure(optimizer):
    """A step that fails half-way (out of memory in a micro-batch) must not leave gradients for the next one."""
    try:
        yield
    except BaseException:
        optimizer.zero_grad(set_to_none=True)
        raise


def _no_sync(policy, last: bool):
    if last or not hasattr(policy.wrapped, "no_sync"):
        return contextlib.nullcontext()
    return policy.wrapped.no_sync()


def ppo_round(policy, batch: dict, idx: list, weights: list, world: int, sums: StepSums) -> torch.Tensor:
    """The scaled loss of one micro-batch (its backward is the caller's)."""
    dev = policy.device
    seqs = [batch["tokens"][i] for i in idx]
    ids, att, pos = right_padded(seqs, policy.tokenizer.pad_id, dev)
    width = ids.shape[1]
    logits, _ = policy.forward(ids, att, pos, train=True)
    logp = token_logprobs(logits, ids)
    mask = padded([batch["mask"][i] for i in idx], width, dev)
    w = padded([weights[i] for i in idx], width, dev)
    adv = padded([batch["adv"][i] for i in idx], width, dev)
    old = padded([batch["old"][i] for i in idx], width, dev)
    r1 = padded([batch["r1"][i] for i in idx], width, dev, torch.bool) & (mask > 0)
    # The log-ratio is capped so a token sampled at a tiny probability cannot overflow to inf (0 * inf = NaN).
    ratio = torch.exp((logp - old).clamp(max=20.0))
    clipped = ratio.clamp(1 - batch["clip_low"], 1 + batch["clip_high"])
    pg = -torch.minimum(ratio * adv, clipped * adv)
    per_token = torch.where(r1, -adv * torch.exp(logp - logp.detach()), pg)
    kl = torch.zeros_like(logp)
    if batch["kl_coef"] > 0:
        with torch.no_grad():
            ref_logits, _ = policy.forward(ids, att, pos, module=policy.reference_module())
            ref_lp = token_logprobs(ref_logits, ids)
        d = ref_lp - logp
        kl = torch.exp(d) - d - 1
        per_token = per_token + batch["kl_coef"] * kl
    with torch.no_grad():
        on = (mask > 0) & ~r1
        clip_on = ((adv > 0) & (ratio > 1 + batch["clip_high"])) | ((adv < 0) & (ratio < 1 - batch["clip_low"]))
        entropy = token_entropy(logits)
        sums.add(
            loss=float((per_token * w).sum()),
            clipped=float((clip_on & on).sum()),
            clip_tokens=float(on.sum()),
            kl=float((kl * mask).sum()),
            entropy=float((entropy * mask).sum()),
            tokens=float(mask.sum()),
        )
    return (per_token * w).sum() * world


def dummy_loss(policy) -> torch.Tensor:
    """A zero loss touching every parameter, for a rank with fewer micro-batches than the others."""
    ids = torch.zeros((1, 1), dtype=torch.long, device=policy.device)
    logits, _ = policy.forward(ids, torch.ones_like(ids), torch.zeros_like(ids), train=True)
    return logits.float().sum() * 0.0


def optimizer_step(policy, optimizer, lr: float, grad_clip: float) -> float:
    """Clips, steps and clears; returns the gradient norm before clipping."""
    for group in optimizer.param_groups:
        group["lr"] = lr
    params = [p for p in policy.wrapped.parameters() if p.requires_grad]
    if hasattr(policy.wrapped, "clip_grad_norm_"):  # FSDP computes the norm over all shards
        norm = policy.wrapped.clip_grad_norm_(grad_clip)
    else:
        norm = torch.nn.utils.clip_grad_norm_(params, grad_clip)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return float(norm)


def train_step(policy, optimizer, body: dict, dist, grad_clip: float) -> dict:
    batch = parse_train_batch(body)
    lengths = [len(t) for t in batch["tokens"]]
    if policy.max_len is not None and any(n > policy.max_len for n in lengths):
        raise RequestError(f"train_step: a sequence is longer than the model's {policy.max_len} tokens")
    if batch["kl_coef"] > 0:
        policy.reference_module()  # fails now, before any gradient is accumulated
    weights = global_weights(batch["mask"], batch["loss_agg"], batch["loss_divisor"])
    rounds = plan_rounds(lengths, max(1, batch["token_budget"]), dist.world, dist.rank)
    policy.wrapped.train()
    sums = StepSums()
    with _clean_on_failure(optimizer):
        for k, idx in enumerate(rounds):
            with _no_sync(policy, k == len(rounds) - 1):
                loss = ppo_round(policy, batch, idx, weights, dist.world, sums) if idx else dummy_loss(policy)
                loss.backward()
    norm = optimizer_step(policy, optimizer, batch["lr"], grad_clip)
    total = dist.sum_floats([sums.values[k] for k in StepSums.NAMES])
    v = dict(zip(StepSums.NAMES, total))
    return {
        "loss": v["loss"],
        "clip_fraction": v["clipped"] / v["clip_tokens"] if v["clip_tokens"] else 0.0,
        "kl": v["kl"] / v["tokens"] if v["tokens"] else 0.0,
        "grad_norm": norm,
        "entropy": v["entropy"] / v["tokens"] if v["tokens"] else 0.0,
        "tokens": int(v["tokens"]),
        "micro_batches": len(rounds),
    }


def sft_round(policy, batch: dict, idx: list, world: int, total_weight: float, support) -> tuple:
    dev = policy.device
    seqs = [batch["tokens"][i] for i in idx]
    ids, att, pos = right_padded(seqs, policy.tokenizer.pad_id, dev)
    width = ids.shape[1]
    logits, _ = policy.forward(ids, att, pos, train=True)
    lsm = F.log_softmax(logits[:, :-1].float(), dim=-1)
    nll = -lsm.gather(-1, ids[:, 1:, None]).squeeze(-1)
    smooth_nll = -(lsm[..., support].mean(-1) if support is not None else lsm.mean(-1))
    w = padded([batch["weights"][i] for i in idx], width, dev)[:, 1:]
    eps = padded([batch["smoothing"][i] for i in idx], width, dev)[:, 1:]
    per_token = (1 - eps) * nll + eps * smooth_nll
    loss = (per_token * w).sum() / total_weight
    return loss * world, float(loss), float((nll.detach() * w).sum())


def sft_step(policy, optimizer, body: dict, dist, grad_clip: float) -> dict:
    """Weighted cross-entropy with per-token label smoothing spread over `smoothing_support` (or the vocab)."""
    tokens = Ragged.from_wire(body.get("tokens"), "i32", "tokens")
    weights = _ragged(body, "weights", "f32", tokens)
    smoothing = _ragged(body, "smoothing", "f32", tokens) if body.get("smoothing") is not None else None
    batch = {
        "tokens": tokens.rows(),
        "weights": weights.rows(),
        "smoothing": smoothing.rows() if smoothing else [torch.zeros(n) for n in tokens.lengths()],
    }
    support_ids = body.get("smoothing_support")
    vocab = policy.tokenizer.vocab_size
    if support_ids is not None and not (isinstance(support_ids, list) and all(isinstance(t, int) and 0 <= t < vocab for t in support_ids)):
        raise RequestError(f"sft_step: smoothing_support must list token ids in 0..{vocab - 1}")
    support = torch.tensor(support_ids, dtype=torch.long, device=policy.device) if support_ids else None
    try:
        lr = float(body["lr"])
    except (KeyError, TypeError, ValueError):
        raise RequestError("sft_step: lr must be a number") from None
    total_weight = float(weights.values.sum())
    if total_weight <= 0:
        raise RequestError("sft_step: the weights sum to 0; nothing would be trained")
    lengths = tokens.lengths()
    rounds = plan_rounds(lengths, max(1, int(body.get("token_budget", 1 << 16))), dist.world, dist.rank)
    policy.wrapped.train()
    loss_sum, nll_sum = 0.0, 0.0
    with _clean_on_failure(optimizer):
        for k, idx in enumerate(rounds):
            with _no_sync(policy, k == len(rounds) - 1):
                if idx:
                    loss, value, nll = sft_round(policy, batch, idx, dist.world, total_weight, support)
                    loss_sum, nll_sum = loss_sum + value, nll_sum + nll
                else:
                    loss = dummy_loss(policy)
                loss.backward()
    norm = optimizer_step(policy, optimizer, lr, grad_clip)
    loss_total, nll_total = dist.sum_floats([loss_sum, nll_sum])
    return {"loss": loss_total, "nll": nll_total / total_weight, "grad_norm": norm,
            "tokens": int((weights.values > 0).sum()), "micro_batches": len(rounds)}
