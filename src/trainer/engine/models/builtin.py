"""A small decoder-only transformer defined here, for tests and the toy replication (no download).

Pre-norm GPT blocks with learned absolute positions; positions come from the caller, so left-padded batches
and a KV cache give the same numbers as an unpadded forward. The cache is a list of (keys, values) per layer,
each [batch, heads, time, head_dim].
"""
from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F

from ..tensors import RequestError

Cache = list  # list[tuple[torch.Tensor, torch.Tensor]]


def check_config(config: dict) -> dict:
    """The config's fields, checked (the IR schema checks types; this checks what the model needs)."""
    for key in ("vocab", "d_model", "layers", "heads", "max_len"):
        if key not in config:
            raise RequestError(f"the built-in model's config lacks {key!r}")
    if config["d_model"] % config["heads"]:
        raise RequestError(f"d_model {config['d_model']} is not a multiple of heads {config['heads']}")
    return {k: config[k] for k in ("vocab", "d_model", "layers", "heads", "max_len")}


class Attention(nn.Module):
    def __init__(self, d_model: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, x: torch.Tensor, key_mask: torch.Tensor, past: tuple | None) -> tuple[torch.Tensor, tuple]:
        b, t, d = x.shape
        q, k, v = self.qkv(x).split(d, dim=2)
        q, k, v = (z.view(b, t, self.heads, d // self.heads).transpose(1, 2) for z in (q, k, v))
        if past is not None:
            k = torch.cat([past[0], k], dim=2)
            v = torch.cat([past[1], v], dim=2)
        s = k.shape[2]
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d // self.heads)
        # Query i (absolute index s - t + i) sees keys up to itself that are not padding.
        causal = torch.ones(t, s, dtype=torch.bool, device=x.device).tril(diagonal=s - t)
        allowed = causal[None, None, :, :] & key_mask[:, None, None, :].bool()
        scores = scores.masked_fill(~allowed, torch.finfo(scores.dtype).min)
        att = F.softmax(scores, dim=-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, d)
        return self.proj(y), (k, v)


class Block(nn.Module):
    def __init__(self, d_model: int, heads: int) -> None:
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = Attention(d_model, heads)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))

    def forward(self, x: torch.Tensor, key_mask: torch.Tensor, past: tuple | None) -> tuple[torch.Tensor, tuple]:
        a, present = self.attn(self.ln1(x), key_mask, past)
        x = x + a
        return x + self.mlp(self.ln2(x)), present


class TinyGPT(nn.Module):
    """The built-in model: d_model, layers, heads and max_len from the IR's builtin config."""

    def __init__(self, vocab_size: int, d_model: int, layers: int, heads: int, max_len: int) -> None:
        super().__init__()
        self.max_len = max_len
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(max_len, d_model)
        self.blocks = nn.ModuleList(Block(d_model, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)
        self.apply(self._init)
        for block in self.blocks:  # GPT-2's scaled init of the residual projections
            nn.init.normal_(block.attn.proj.weight, std=0.02 / math.sqrt(2 * layers))
            nn.init.normal_(block.mlp[2].weight, std=0.02 / math.sqrt(2 * layers))

    @staticmethod
    def _init(module: nn.Module) -> None:
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, position_ids: torch.Tensor, cache: Cache | None = None
    ) -> tuple[torch.Tensor, Cache]:
        """Logits [b, t, vocab] and the new cache; attention_mask covers the cached and the new positions."""
        x = self.tok_emb(input_ids) + self.pos_emb(position_ids.clamp(0, self.max_len - 1))
        present = []
        for i, block in enumerate(self.blocks):
            x, kv = block(x, attention_mask, cache[i] if cache is not None else None)
            present.append(kv)
        return self.head(self.ln_f(x)), present


def select_cache(cache: Cache, index: torch.Tensor) -> Cache:
    """The cache of the rows in index (dropping finished rows from a generation batch)."""
    return [(k.index_select(0, index), v.index_select(0, index)) for k, v in cache]
