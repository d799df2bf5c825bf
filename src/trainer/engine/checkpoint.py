"""Engine checkpoints: a folder with the weights, the optimizer state, the RNG states and engine.json.

Weights go to model.safetensors when the safetensors package is importable, else model.pt (torch.save); a
Hugging Face policy is written with save_pretrained (plus its tokenizer), so the folder is also a model folder
other tools can load. The folder appears atomically: it is written beside the target and renamed into place.
"""
from __future__ import annotations

import glob
import json
import os
import random
import shutil

import torch

from . import __version__
from .tensors import RequestError

PROTOCOL_FORMAT = 1


def have_safetensors() -> bool:
    try:
        import safetensors.torch  # noqa: F401
    except ImportError:
        return False
    return True


def full_state_dict(policy) -> dict:
    """The whole model's state on CPU (FSDP gathers it on rank 0)."""
    if policy.lockstep:
        from torch.distributed.fsdp import FullStateDictConfig, FullyShardedDataParallel as FSDP, StateDictType

        cfg = FullStateDictConfig(offload_to_cpu=True, rank0_only=True)
        with FSDP.state_dict_type(policy.wrapped, StateDictType.FULL_STATE_DICT, cfg):
            return policy.wrapped.state_dict()
    return {k: v.detach().to("cpu") for k, v in policy.core.state_dict().items()}


def optimizer_state(policy, optimizer) -> dict:
    if policy.lockstep:
        from torch.distributed.fsdp import FullyShardedDataParallel as FSDP

        return FSDP.full_optim_state_dict(policy.wrapped, optimizer)
    return optimizer.state_dict()


def rng_state() -> dict:
    state = {"torch": torch.get_rng_state(), "python": random.getstate()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict) -> None:
    torch.set_rng_state(state["torch"])
    random.setstate(state["python"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def _write_weights(policy, state: dict, folder: str) -> str:
    if policy.kind == "hf":
        policy_core = policy.core.module if hasattr(policy.core, "module") else policy.core
        policy_core.save_pretrained(folder, state_dict=state, safe_serialization=have_safetensors())
        policy.tokenizer.tok.save_pretrained(folder)
        return "hf"
    if have_safetensors():
        from safetensors.torch import save_file

        save_file({k: v.contiguous() for k, v in state.items()}, os.path.join(folder, "model.safetensors"))
        return "model.safetensors"
    torch.save(state, os.path.join(folder, "model.pt"))
    return "model.pt"


def save(policy, optimizer, folder: str, dist, step: int) -> None:
    """Writes the checkpoint (every rank takes part in gathering; rank 0 writes)."""
    state = full_state_dict(policy)
    optim = optimizer_state(policy, optimizer)
    rngs = dist.gather_objects(rng_state())
    if dist.leader:
        folder = os.path.abspath(folder)
        tmp = f"{folder}.tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        weights = _write_weights(policy, state, tmp)
        torch.save(optim, os.path.join(tmp, "optimizer.pt"))
        torch.save(rngs, os.path.join(tmp, "rng.pt"))
        meta = {"format": PROTOCOL_FORMAT, "engine_version": __version__, "model": policy.meta, "step": step,
                "weights": weights, "world_size": dist.world}
        with open(os.path.join(tmp, "engine.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f, indent=2)
        _replace(tmp, folder)
    dist.barrier()


def _replace(tmp: str, folder: str) -> None:
    old = None
    if os.path.exists(folder):
        old = f"{folder}.old-{os.getpid()}"
        os.rename(folder, old)
    os.rename(tmp, folder)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def read_weights(folder: str) -> dict:
    """A state dict from a checkpoint or model folder (safetensors files, else torch files)."""
    files = sorted(glob.glob(os.path.join(folder, "*.safetensors")))
    if files:
        if not have_safetensors():
            raise RequestError(f"{folder} holds .safetensors weights but the safetensors package is missing")
        from safetensors.torch import load_file

        state = {}
        for f in files:
            state.update(load_file(f))
        return state
    files = [os.path.join(folder, "model.pt")] if os.path.exists(os.path.join(folder, "model.pt")) else sorted(
        glob.glob(os.path.join(folder, "pytorch_model*.bin")))
    if not files:
        raise RequestError(f"no weights (model.safetensors, model.pt, pytorch_model*.bin) in {folder}")
    state = {}
    for f in files:
        state.update(torch.load(f, map_location="cpu"))
    return state


def load_weights_into(module: torch.nn.Module, folder: str) -> None:
    state = read_weights(folder)
    missing, unexpected = module.load_state_dict(state, strict=False)
    tied = {"lm_head.weight"}  # tied to the embeddings in many HF models, so absent from their files
    missing = [k for k in missing if k not in tied]
    if missing or unexpected:
        raise RequestError(f"weights in {folder} do not fit the model: missing {missing[:5]}, unexpected {unexpected[:5]}")


def load(policy, optimizer, folder: str, dist) -> int:
    """Restores weights, optimizer and RNG; returns the saved step count."""
    meta_path = os.path.join(folder, "engine.json")
    if not os.path.exists(meta_path):
        raise RequestError(f"{folder} is not an engine checkpoint (no engine.json)")
    with open(meta_path, encoding="utf-8") as f:
        meta = json.load(f)
    saved = meta.get("model", {})
    if saved.get("kind") != policy.meta["kind"] or saved.get("config") != policy.meta.get("config"):
        raise RequestError(f"checkpoint {folder} holds another model ({saved.get('kind')}) than the engine runs")
    if policy.lockstep:
        _load_fsdp(policy, optimizer, folder)
    else:
        load_weights_into(policy.core, folder)
        optimizer.load_state_dict(torch.load(os.path.join(folder, "optimizer.pt"), map_location=policy.device))
    rngs = torch.load(os.path.join(folder, "rng.pt"))
    set_rng_state(rngs[dist.rank] if dist.rank < len(rngs) else rngs[0])
    return int(meta.get("step", 0))


def _load_fsdp(policy, optimizer, folder: str) -> None:
    """FSDP: every rank reads the full state (the folder must be visible to all ranks) and keeps its shard."""
    from torch.distributed.fsdp import FullyShardedDataParallel as FSDP, StateDictType

    with FSDP.state_dict_type(policy.wrapped, StateDictType.FULL_STATE_DICT):
        policy.wrapped.load_state_dict(read_weights(folder))
    full = torch.load(os.path.join(folder, "optimizer.pt"), map_location="cpu")
    optimizer.load_state_dict(FSDP.shard_full_optim_state_dict(full, policy.wrapped))
