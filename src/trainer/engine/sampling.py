"""Batched sampling with a KV cache and a forced response prefix (the hint).

Each row's context is its prompt followed by its prefix; rows are left-padded, prefilled in one forward, then
decoded a token at a time from the cache. Finished rows are dropped from the batch once enough of them have
finished, so long stragglers do not drag a full batch along. Log-probabilities are those of the policy itself
(log-softmax of the raw logits), whatever the temperature and top-p used to draw the token, so they match the
`logprobs` op on the same tokens.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import torch
import torch.nn.functional as F

from .tensors import RequestError


@dataclass
class Sampling:
    n: int
    temperature: float
    top_p: float
    max_new_tokens: int
    stop: list
    seed: int

    @staticmethod
    def parse(obj: dict) -> "Sampling":
        try:
            s = Sampling(int(obj["n"]), float(obj["temperature"]), float(obj["top_p"]), int(obj["max_new_tokens"]),
                         [str(x) for x in obj.get("stop", [])], int(obj.get("seed", 0)))
        except (KeyError, TypeError, ValueError) as err:
            raise RequestError(f"sampling: bad or missing field ({err})") from None
        if s.n < 1 or s.max_new_tokens < 1 or s.temperature < 0 or not 0 < s.top_p <= 1:
            raise RequestError("sampling: need n >= 1, max_new_tokens >= 1, temperature >= 0, 0 < top_p <= 1")
        if any(not x for x in s.stop):
            raise RequestError("sampling: an empty stop string would stop every sample at once")
        return s


@dataclass
class Row:
    """One sample: its generated tokens (after the prefix), their log-probs, the prefix's log-probs."""

    tokens: list = field(default_factory=list)
    logprobs: list = field(default_factory=list)
    prefix_logprobs: list = field(default_factory=list)
    finish: str = "length"


def draw(logits: torch.Tensor, temperature: float, top_p: float, gen: torch.Generator) -> torch.Tensor:
    """One token per row of float32 logits [b, vocab]."""
    if temperature == 0:
        return logits.argmax(dim=-1)
    probs = F.softmax(logits / temperature, dim=-1)
    if top_p < 1.0:
        sorted_p, order = probs.sort(dim=-1, descending=True)
        sorted_p = sorted_p.masked_fill(sorted_p.cumsum(-1) - sorted_p > top_p, 0.0)
        pick = torch.multinomial(sorted_p, 1, generator=gen)
        return order.gather(-1, pick).squeeze(-1)
    return torch.multinomial(probs, 1, generator=gen).squeeze(-1)


class StopWatcher:
    """Finds a stop string in the text of a row's newest tokens (only the generated ones, not the prefix)."""

    def __init__(self, stops: list, decode) -> None:
        self.stops = stops
        self.decode = decode
        # A token is at least one byte; a character at most four.
        self.window = 4 * max((len(s) for s in stops), default=0) + 4

    def hit(self, tokens: list) -> bool:
        if not self.stops:
            return False
        tail = self.decode(tokens[-self.window :])
        return any(s in tail for s in self.stops)


def prefill(policy, contexts: list, prefix_lens: list):
    """Left-padded forward over the contexts: (next-token logits, cache, mask, last positions, prefix log-probs)."""
    device = policy.device
    width = max(len(c) for c in contexts)
    b = len(contexts)
    ids = torch.full((b, width), policy.tokenizer.pad_id, dtype=torch.long)
    mask = torch.zeros((b, width), dtype=torch.long)
    for i, c in enumerate(contexts):
        ids[i, width - len(c) :] = c
        mask[i, width - len(c) :] = 1
    ids, mask = ids.to(device), mask.to(device)
    pos = (mask.cumsum(-1) - 1).clamp(min=0)
    logits, cache = policy.forward(ids, mask, pos, use_cache=True)
    prefix_lp = []
    for i, m in enumerate(prefix_lens):
        if m == 0:
            prefix_lp.append([])
            continue
        lp = F.log_softmax(logits[i, width - m - 1 : width - 1].float(), dim=-1)
        prefix_lp.append(lp.gather(-1, ids[i, width - m :, None]).squeeze(-1).tolist())
    return logits[:, -1].float(), cache, mask, pos[:, -1], prefix_lp


def generate_rows(policy, contexts: list, prefix_lens: list, s: Sampling, gen: torch.Generator, sync) -> list:
    """Samples one continuation per context. `sync` keeps ranks in lockstep under FSDP (a no-op otherwise)."""
    tok = policy.tokenizer
    eos = set(tok.eos_ids)
    watcher = StopWatcher(s.stop, tok.decode)
    limit = policy.max_len
    rows = [Row() for _ in contexts]
    for i, c in enumerate(contexts):
        if len(c) == 0:
            raise RequestError("generate: a prompt and its prefix are both empty")
        if limit is not None and len(c) >= limit:
            raise RequestError(f"generate: a context of {len(c)} tokens leaves no room in the model's {limit}")
    next_logits, cache, mask, last_pos, prefix_lp = prefill(policy, contexts, prefix_lens)
    for r, lp in zip(rows, prefix_lp):
        r.prefix_logprobs = lp
    lengths = [len(c) for c in contexts]
    live = list(range(len(contexts)))  # batch slot -> row index; finished rows stay until compaction
    done = [False] * len(contexts)
    for _ in range(s.max_new_tokens):
        picked = draw(next_logits, s.temperature, s.top_p, gen)
        logp = F.log_softmax(next_logits, dim=-1).gather(-1, picked[:, None]).squeeze(-1)
        for slot, (row_i, t, lp) in enumerate(zip(live, picked.tolist(), logp.tolist())):
            if done[row_i]:
                continue
            row = rows[row_i]
            row.tokens.append(t)
            row.logprobs.append(lp)
            if t in eos:
                row.finish, done[row_i] = "eos", True
            elif watcher.hit(row.tokens):
                row.finish, done[row_i] = "stop", True
            elif len(row.tokens) == s.max_new_tokens or (limit is not None and lengths[row_i] + len(row.tokens) >= limit):
                row.finish, done[row_i] = "length", True
        still = [slot for slot, row_i in enumerate(live) if not done[row_i]]
        if not sync.any_alive(bool(still)):
            break
        if still and len(live) - len(still) >= max(1, len(live) // 8) and not sync.lockstep:
            index = torch.tensor(still, device=policy.device)
            cache = policy.select_cache(cache, index)
            mask, last_pos, picked = mask[index], last_pos[index], picked[index]
            live = [live[slot] for slot in still]
        mask = torch.cat([mask, torch.ones_like(mask[:, :1])], dim=1)
        last_pos = last_pos + 1
        logits, cache = policy.forward(picked[:, None], mask, last_pos[:, None], cache, use_cache=True)
        next_logits = logits[:, -1].float()
    return rows
