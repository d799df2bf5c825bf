"""Wire blobs <-> torch tensors, and ragged arrays (flat values + offsets, as Arrow lists)."""
from __future__ import annotations

from array import array
from typing import Any

import torch

from .frames import DTYPES, Blob

TORCH_DTYPES = {"i32": torch.int32, "f32": torch.float32, "u8": torch.uint8, "f64": torch.float64, "i64": torch.int64}
WIRE_NAMES = {v: k for k, v in TORCH_DTYPES.items()}


class RequestError(Exception):
    """A request the engine cannot serve as asked (bad shapes, unknown tokens); reported to the client."""


def to_tensor(blob: Any, dtype: str, what: str) -> torch.Tensor:
    """A CPU tensor of the blob's values (a copy, so later frames cannot alias it)."""
    if not isinstance(blob, Blob):
        raise RequestError(f"{what}: expected a typed array")
    if blob.dtype != dtype:
        raise RequestError(f"{what}: expected dtype {dtype}, got {blob.dtype}")
    if blob.length == 0:
        return torch.zeros(0, dtype=TORCH_DTYPES[dtype])
    raw = bytearray(blob.data)
    return torch.frombuffer(raw, dtype=TORCH_DTYPES[dtype], count=blob.length)


def tensor_bytes(t: torch.Tensor) -> bytes:
    """The raw bytes of a CPU tensor (numpy when present; torch 2.3+ no longer requires it)."""
    t = t.contiguous().reshape(-1)
    try:
        return t.numpy().tobytes()
    except Exception:
        code = {v: DTYPES[k][0] for k, v in TORCH_DTYPES.items()}[t.dtype]
        return array(code, t.tolist()).tobytes()


def to_blob(values: Any, dtype: str) -> Blob:
    """A blob of a tensor or a sequence of numbers."""
    if isinstance(values, torch.Tensor):
        t = values.detach().to("cpu", TORCH_DTYPES[dtype])
        return Blob(dtype, tensor_bytes(t), t.numel())
    return Blob.of(dtype, values)


class Ragged:
    """n sequences in one flat tensor: sequence i is values[offsets[i]:offsets[i+1]]."""

    def __init__(self, values: torch.Tensor, offsets: torch.Tensor) -> None:
        self.values = values
        self.offsets = offsets.to(torch.int64)
        self._bounds = self.offsets.tolist()

    @staticmethod
    def from_wire(obj: Any, dtype: str, what: str) -> "Ragged":
        if not isinstance(obj, dict) or "values" not in obj or "offsets" not in obj:
            raise RequestError(f"{what}: expected a ragged array {{values, offsets}}")
        values = to_tensor(obj["values"], dtype, what + ".values")
        offsets = to_tensor(obj["offsets"], "i32", what + ".offsets").to(torch.int64)
        bounds = offsets.tolist()
        if not bounds or bounds[0] != 0 or bounds[-1] != values.numel():
            raise RequestError(f"{what}: offsets must start at 0 and end at the number of values ({values.numel()})")
        if any(b < a for a, b in zip(bounds, bounds[1:])):
            raise RequestError(f"{what}: offsets must not decrease")
        return Ragged(values, offsets)

    @staticmethod
    def from_lists(rows: list, dtype: str) -> "Ragged":
        lengths = [len(r) for r in rows]
        offsets = [0]
        for n in lengths:
            offsets.append(offsets[-1] + n)
        flat = [x for r in rows for x in (r.tolist() if isinstance(r, torch.Tensor) else r)]
        return Ragged(torch.tensor(flat, dtype=TORCH_DTYPES[dtype]), torch.tensor(offsets, dtype=torch.int64))

    @staticmethod
    def from_tensors(rows: list[torch.Tensor], dtype: str) -> "Ragged":
        offsets = [0]
        for r in rows:
            offsets.append(offsets[-1] + r.numel())
        values = torch.cat([r.detach().to("cpu").reshape(-1) for r in rows]) if rows else torch.zeros(0)
        return Ragged(values.to(TORCH_DTYPES[dtype]), torch.tensor(offsets, dtype=torch.int64))

    def __len__(self) -> int:
        return len(self._bounds) - 1

    def row(self, i: int) -> torch.Tensor:
        return self.values[self._bounds[i] : self._bounds[i + 1]]

    def rows(self) -> list[torch.Tensor]:
        return [self.row(i) for i in range(len(self))]

    def lengths(self) -> list[int]:
        return [b - a for a, b in zip(self._bounds, self._bounds[1:])]

    def to_wire(self, dtype: str) -> dict:
        return {"values": to_blob(self.values, dtype), "offsets": to_blob(self.offsets, "i32")}

    def same_shape(self, other: "Ragged") -> bool:
        return self._bounds == other._bounds
