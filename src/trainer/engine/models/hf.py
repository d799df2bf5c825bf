"""Hugging Face causal LMs from a local folder (transformers is imported only here)."""
from __future__ import annotations

import os

import torch

from ..tensors import RequestError


def load_hf(path: str, device: torch.device):
    """(model, generation eos ids) from a local model folder; weights stay float32 (bf16 comes from autocast)."""
    try:
        from transformers import AutoModelForCausalLM
    except ImportError:
        raise RequestError(
            "model kind hf needs the transformers package in the engine's Python (pip install transformers)"
        ) from None
    if not os.path.isdir(path):
        raise RequestError(f"model folder {path} does not exist")
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float32)
    model.to(device)
    eos = getattr(model.generation_config, "eos_token_id", None) if hasattr(model, "generation_config") else None
    eos_ids = eos if isinstance(eos, list) else ([eos] if eos is not None else [])
    return model, eos_ids


def hf_forward(module, ids, mask, pos, cache, use_cache: bool):
    out = module(input_ids=ids, attention_mask=mask, position_ids=pos, past_key_values=cache, use_cache=use_cache)
    return out.logits, (out.past_key_values if use_cache else None)


def hf_select_cache(cache, index: torch.Tensor):
    """The cache rows in index, across transformers' cache types (tuples in old versions, Cache objects later)."""
    if isinstance(cache, (tuple, list)):
        return tuple(tuple(t.index_select(0, index) for t in layer) for layer in cache)
    if hasattr(cache, "batch_select_indices"):
        cache.batch_select_indices(index)
        return cache
    if hasattr(cache, "reorder_cache"):
        cache.reorder_cache(index)
        return cache
    raise RequestError(f"cannot select rows of a {type(cache).__name__} cache")
