"""CPU thread settings, applied before torch is imported (see the engine README, "Threads").

OpenBLAS threads on top of torch's own made CPU training 4-10x slower on 2-core machines, and denormal floats a
further 5x in long runs, so the engine pins both. OpenMP threads that spin while waiting made a 2-thread engine
10-20x slower on a machine shared with other work (measured: generation 20 s active vs 0.9 s passive), so they
sleep instead. HINTC_ENGINE_THREADS overrides torch's thread count.
"""
from __future__ import annotations

import os


def before_torch() -> None:
    for var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def after_torch() -> int:
    import torch

    cores = os.cpu_count() or 1
    local = int(os.environ.get("LOCAL_WORLD_SIZE", "1"))
    wanted = int(os.environ.get("HINTC_ENGINE_THREADS", "0")) or max(1, min(2, cores // max(1, local)))
    torch.set_num_threads(wanted)
    torch.set_flush_denormal(True)
    return wanted
