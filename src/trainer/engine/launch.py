"""`python -m engine.launch [torchrun options] -m engine`: torchrun, with a fix for torch 1.13 on Python 3.11+.

On that pair torchrun's `Std.from_str("0")` returns None (IntFlag no longer iterates its zero member), and every
launch fails in `to_map`. The fix maps None back to Std.NONE; newer torch is left untouched.
"""
from . import threads

threads.before_torch()

from torch.distributed import run as torchrun  # noqa: E402
from torch.distributed.elastic.multiprocessing import api as mp_api  # noqa: E402


def _patch_std() -> None:
    if mp_api.Std.from_str("0") is not None:
        return
    original = mp_api.Std.from_str.__func__

    def from_str(cls, vm):
        value = original(cls, vm)
        if value is None:
            return cls.NONE
        if isinstance(value, dict):
            return {k: (cls.NONE if v is None else v) for k, v in value.items()}
        return value

    mp_api.Std.from_str = classmethod(from_str)


if __name__ == "__main__":
    _patch_std()
    torchrun.main()
