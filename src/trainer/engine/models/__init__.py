"""The policy behind the protocol: a built-in TinyGPT or a Hugging Face causal LM, with one forward signature."""
from __future__ import annotations

import contextlib
import copy
import json
import os

import torch
from torch import nn

from ..tensors import RequestError
from ..tokenizer import CharTokenizer, HfTokenizer
from . import builtin
from .hf import hf_forward, hf_select_cache, load_hf


class Policy:
    """A model, its tokenizer, and how to call it.

    `core` is the bare module; `wrapped` is what training calls (DDP/FSDP, or core itself). `forward` takes
    the attention mask over cached plus new positions and explicit position ids, so left-padded batches work.
    """

    def __init__(self, kind: str, core: nn.Module, tokenizer, device: torch.device, max_len: int | None, meta: dict):
        self.kind = kind
        self.core = core
        self.wrapped: nn.Module = core
        self.tokenizer = tokenizer
        self.device = device
        self.max_len = max_len
        self.meta = meta
        self.reference: nn.Module | None = None
        #: FSDP: every rank must run the same forwards (see dist.py).
        self.lockstep = False
        #: "bf16": forwards under bf16 autocast on GPU; "fp32": none (exact checks on GPU).
        self.precision = "bf16"

    def forward(self, ids, mask, pos, cache=None, *, train: bool = False, use_cache: bool = False, module=None):
        target = module if module is not None else (self.wrapped if (train or self.lockstep) else self.core)
        with self.autocast():
            if self.kind == "builtin":
                logits, new_cache = target(ids, mask, pos, cache)
                return logits, (new_cache if use_cache else None)
            return hf_forward(target, ids, mask, pos, cache, use_cache)

    def select_cache(self, cache, index: torch.Tensor):
        return builtin.select_cache(cache, index) if self.kind == "builtin" else hf_select_cache(cache, index)

    def autocast(self):
        if self.device.type == "cuda" and self.precision == "bf16":
            return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def reference_module(self) -> nn.Module:
        if self.reference is None:
            raise RequestError("kl_coef > 0 needs the engine started with reference_model: true")
        return self.reference

    def freeze_reference(self) -> None:
        """Keeps a frozen copy of the current weights for the KL term."""
        ref = copy.deepcopy(self.core)
        ref.eval()
        for p in ref.parameters():
            p.requires_grad_(False)
        self.reference = ref


def find_weights(folder: str) -> str | None:
    for name in ("model.safetensors", "model.pt"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    return None


def load_builtin(config: dict, device: torch.device, init: str | None) -> Policy:
    cfg = builtin.check_config(config)
    tok = CharTokenizer(cfg["vocab"])
    core = builtin.TinyGPT(tok.vocab_size, cfg["d_model"], cfg["layers"], cfg["heads"], cfg["max_len"]).to(device)
    policy = Policy("builtin", core, tok, device, cfg["max_len"], {"kind": "builtin", "config": cfg})
    if init:
        from ..checkpoint import load_weights_into

        meta_path = os.path.join(init, "engine.json")
        if os.path.exists(meta_path):
            with open(meta_path, encoding="utf-8") as f:
                saved = json.load(f).get("model", {}).get("config")
            if saved is not None and saved != cfg:
                raise RequestError(f"checkpoint {init} holds a built-in model with another config: {saved}")
        load_weights_into(core, init)
    return policy


def load_policy(model: dict, device: torch.device) -> Policy:
    """The policy an IR Model describes."""
    kind = model.get("kind")
    if kind == "builtin":
        return load_builtin(model.get("config", {}), device, model.get("init"))
    if kind == "hf":
        path = model.get("path")
        if not isinstance(path, str):
            raise RequestError("model kind hf needs a path")
        core, gen_eos = load_hf(path, device)
        tok = HfTokenizer(path, gen_eos)
        # Embeddings are often padded past the tokenizer (Qwen: 151,936 rows for 151,665 tokens); the model can
        # emit any row, so ids are valid up to the output layer's size.
        tok.vocab_size = max(tok.vocab_size, core.get_output_embeddings().weight.shape[0])
        max_len = getattr(core.config, "max_position_embeddings", None)
        return Policy("hf", core, tok, device, max_len, {"kind": "hf", "path": path, "name": tok.name})
    raise RequestError(f"unknown model kind {kind!r}")
