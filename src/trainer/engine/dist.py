"""Processes working as one engine: rank 0 speaks the protocol, the others follow by broadcast.

With one process every method here is trivial. Under torchrun (WORLD_SIZE > 1) the default group uses NCCL on
GPUs and gloo on CPUs; control traffic (request frames, gathered results, metric sums) always goes over a gloo
group so it never needs a GPU tensor.
"""
from __future__ import annotations

import datetime
import os

import torch
import torch.distributed as tdist

from .tensors import RequestError, tensor_bytes


class Dist:
    def __init__(self) -> None:
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        self.local_world = int(os.environ.get("LOCAL_WORLD_SIZE", str(self.world)))
        self.lockstep = False
        self.control = None
        self.backend = None

    @property
    def leader(self) -> bool:
        return self.rank == 0

    def start(self, use_cuda: bool) -> None:
        """Joins the process group (torchrun's environment gives the rendezvous)."""
        if self.world == 1 or tdist.is_initialized():
            return
        self.backend = "nccl" if use_cuda else "gloo"
        # Long ops (a generate of thousands of tokens) run between collectives: no short timeouts here.
        timeout = datetime.timedelta(seconds=int(os.environ.get("HINTC_ENGINE_DIST_TIMEOUT", "7200")))
        tdist.init_process_group(self.backend, timeout=timeout)
        self.control = tdist.new_group(backend="gloo", timeout=timeout) if self.backend == "nccl" else None

    def stop(self) -> None:
        if self.world > 1 and tdist.is_initialized():
            tdist.destroy_process_group()

    # -- control traffic ---------------------------------------------------------------------------
    def broadcast_bytes(self, data: bytes | None) -> bytes:
        """Rank 0's bytes on every rank."""
        if self.world == 1:
            assert data is not None
            return data
        size = torch.tensor([len(data) if data is not None else 0], dtype=torch.int64)
        tdist.broadcast(size, 0, group=self.control)
        buf = torch.frombuffer(bytearray(data), dtype=torch.uint8) if self.leader else torch.empty(int(size), dtype=torch.uint8)
        if int(size):
            tdist.broadcast(buf, 0, group=self.control)
        return data if self.leader else tensor_bytes(buf)

    def broadcast_object(self, obj):
        if self.world == 1:
            return obj
        box = [obj]
        tdist.broadcast_object_list(box, 0, group=self.control)
        return box[0]

    def gather_objects(self, obj) -> list:
        """Every rank's obj, in rank order (on every rank)."""
        if self.world == 1:
            return [obj]
        out = [None] * self.world
        tdist.all_gather_object(out, obj, group=self.control)
        return out

    def sum_floats(self, values: list) -> list:
        if self.world == 1:
            return list(values)
        t = torch.tensor(values, dtype=torch.float64)
        tdist.all_reduce(t, group=self.control)
        return t.tolist()

    def barrier(self) -> None:
        if self.world > 1:
            tdist.barrier(group=self.control)

    # -- lockstep (FSDP: every forward is a collective) ------------------------------------------
    def any_alive(self, alive: bool) -> bool:
        if not self.lockstep:
            return alive
        return self.sum_floats([1.0 if alive else 0.0])[0] > 0

    def pad_rounds(self, chunks: list) -> list:
        if not self.lockstep:
            return chunks
        counts = self.gather_objects(len(chunks))
        return chunks + [[] for _ in range(max(counts) - len(chunks))]

    def my_slice(self, total: int) -> range:
        """The contiguous share of total items this rank works on."""
        per = -(-total // self.world)
        return range(min(total, self.rank * per), min(total, (self.rank + 1) * per))


def wrap(policy, dist: Dist, strategy: str) -> None:
    """DDP (a full replica per rank) or FSDP (sharded parameters) around the policy's model."""
    if dist.world == 1:
        return
    ids = [policy.device.index] if policy.device.type == "cuda" else None
    if strategy == "ddp":
        from torch.nn.parallel import DistributedDataParallel as DDP

        policy.wrapped = DDP(policy.core, device_ids=ids)
        return
    if strategy != "fsdp":
        raise RequestError(f"unknown strategy {strategy!r} (ddp or fsdp)")
    try:
        from torch.distributed.fsdp import FullyShardedDataParallel as FSDP
    except Exception as err:  # torch 1.13's FSDP does not even import on Python 3.11 (a dataclass error)
        raise RequestError(f"FSDP cannot be imported from torch {torch.__version__} here ({type(err).__name__}: {err}); "
                           "use strategy ddp, or torch 2.x") from None

    wrap_policy = _wrap_policy(policy)
    device_id = policy.device if ids else None
    policy.wrapped = FSDP(policy.core, auto_wrap_policy=wrap_policy, device_id=device_id)
    if policy.reference is not None:
        policy.reference = FSDP(policy.reference, auto_wrap_policy=wrap_policy, device_id=device_id)
    policy.core = policy.wrapped  # FSDP owns the parameters: every forward must go through it
    dist.lockstep = True
    policy.lockstep = True


def _wrap_policy(policy):
    """Shard per transformer layer (the classes the HF model names as not to be split), else by size."""
    import functools

    from torch.distributed.fsdp.wrap import size_based_auto_wrap_policy, transformer_auto_wrap_policy

    names = set(getattr(policy.core, "_no_split_modules", None) or [])
    layers = {type(m) for m in policy.core.modules() if type(m).__name__ in names}
    if layers:
        return functools.partial(transformer_auto_wrap_policy, transformer_layer_cls=layers)
    return functools.partial(size_based_auto_wrap_policy, min_num_params=int(1e6))
