"""Log-probabilities of given sequences, and p(end | prefix) at candidate offsets (score_end)."""
from __future__ import annotations

import torch
import torch.nn.functional as F

from .tensors import RequestError


def plan_chunks(lengths: list, budget: int) -> list:
    """Groups of sequence indices, shortest first, each with rows x longest <= budget (at least one row)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    chunks, current, width = [], [], 0
    for i in order:
        w = max(width, lengths[i])
        if current and w * (len(current) + 1) > budget:
            chunks.append(current)
            current, w = [], lengths[i]
        current.append(i)
        width = w
    if current:
        chunks.append(current)
    return chunks


def right_padded(seqs: list, pad: int, device: torch.device):
    """ids, mask, positions of a right-padded batch."""
    width = max(1, max(len(s) for s in seqs))
    ids = torch.full((len(seqs), width), pad, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
        mask[i, : len(s)] = 1
    pos = torch.arange(width).expand(len(seqs), width)
    return ids.to(device), mask.to(device), pos.to(device)


def token_logprobs(logits: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
    """[b, t] log p(ids[:, j] | ids[:, :j]) with column 0 set to 0; computed in float32, a row at a time so a
    large vocabulary (150k for Qwen) never needs a float32 copy of the whole batch's logits at once."""
    rows = [F.log_softmax(logits[i, :-1].float(), dim=-1).gather(-1, ids[i, 1:, None]).squeeze(-1) for i in range(ids.shape[0])]
    lp = torch.stack(rows) if rows else logits.new_zeros((0, max(0, ids.shape[1] - 1)), dtype=torch.float32)
    return torch.cat([torch.zeros_like(lp[:, :1]), lp], dim=1)


@torch.no_grad()
def token_entropy(logits: torch.Tensor) -> torch.Tensor:
    """[b, t] entropy of the distribution that predicts token j (column 0: 0), a row at a time."""
    rows = []
    for i in range(logits.shape[0]):
        lsm = F.log_softmax(logits[i, :-1].float(), dim=-1)
        rows.append(-(lsm.exp() * lsm).sum(-1))
    ent = torch.stack(rows)
    return torch.cat([torch.zeros_like(ent[:, :1]), ent], dim=1)


def check_lengths(policy, seqs: list, what: str) -> None:
    for s in seqs:
        if len(s) == 0:
            raise RequestError(f"{what}: an empty sequence")
        if policy.max_len is not None and len(s) > policy.max_len:
            raise RequestError(f"{what}: a sequence of {len(s)} tokens is longer than the model's {policy.max_len}")


@torch.no_grad()
def sequence_logprobs(policy, seqs: list, budget: int, sync, module=None) -> list:
    """Per token log-probs of each sequence (position 0 gets 0), as CPU float32 tensors."""
    check_lengths(policy, seqs, "logprobs")
    out: list = [None] * len(seqs)
    chunks = plan_chunks([len(s) for s in seqs], budget)
    for chunk in sync.pad_rounds(chunks):
        batch = [seqs[i] for i in chunk] if chunk else [seqs[0] if seqs else torch.zeros(1, dtype=torch.long)]
        ids, mask, pos = right_padded(batch, policy.tokenizer.pad_id, policy.device)
        logits, _ = policy.forward(ids, mask, pos, module=module)
        lp = token_logprobs(logits, ids).cpu()
        for j, i in enumerate(chunk):
            out[i] = lp[j, : len(seqs[i])].clone()
    return out


@torch.no_grad()
def score_end(policy, seqs: list, candidates: list, end: list, budget: int, sync) -> list:
    """For each sequence, log p(end | seq[:t]) for each candidate t (1 <= t <= len(seq))."""
    if not end:
        raise RequestError("score_end: the end sequence is empty")
    for s, cands in zip(seqs, candidates):
        bad = [t for t in cands.tolist() if not 1 <= t <= len(s)]
        if bad:
            raise RequestError(f"score_end: candidate offsets {bad[:5]} outside 1..{len(s)}")
    if len(end) == 1:
        return _single_token_end(policy, seqs, candidates, end[0], budget, sync)
    end_t = torch.tensor(end, dtype=torch.long)
    probes, owners = [], []
    for k, (s, cands) in enumerate(zip(seqs, candidates)):
        for t in cands.tolist():
            probes.append(torch.cat([s[:t], end_t]))
            owners.append(k)
    lps = sequence_logprobs(policy, probes, budget, sync)
    out = [[] for _ in seqs]
    for k, lp in zip(owners, lps):
        out[k].append(float(lp[-len(end) :].sum()))
    return [torch.tensor(v, dtype=torch.float32) for v in out]


def _single_token_end(policy, seqs, candidates, end_id: int, budget: int, sync) -> list:
    """One forward per sequence: the log-softmax at t - 1 read at the end token, for every candidate t."""
    check_lengths(policy, seqs, "score_end")
    out: list = [None] * len(seqs)
    for chunk in sync.pad_rounds(plan_chunks([len(s) for s in seqs], budget)):
        batch = [seqs[i] for i in chunk] if chunk else [torch.zeros(1, dtype=torch.long)]
        ids, mask, pos = right_padded(batch, policy.tokenizer.pad_id, policy.device)
        logits, _ = policy.forward(ids, mask, pos)
        for j, i in enumerate(chunk):
            at = candidates[i].to(policy.device, torch.long) - 1
            lp = F.log_softmax(logits[j, at].float(), dim=-1)[:, end_id]
            out[i] = lp.cpu()
    return out
