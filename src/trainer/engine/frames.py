"""The wire format of specs/protocol.md: length-prefixed frames of a JSON header plus typed arrays.

Layout (little-endian):
    0   4 bytes  magic b"HCF1"
    4   u32      H: length of the JSON header in bytes
    8   u64      P: length of the array payload in bytes (a multiple of 8)
    16  H bytes  UTF-8 JSON, padded with spaces to a multiple of 8
    ..  P bytes  the arrays, each starting at an 8-byte aligned offset of the payload

In the JSON, a typed array is the object {"$a": k}: the k-th entry of header["arrays"], which gives its dtype,
offset (into the payload) and length (in elements). This module needs only the standard library, so the
codec can be checked without torch; `tensors.py` turns the arrays into tensors.
"""
from __future__ import annotations

import json
import math
import struct
import sys
from array import array
from typing import Any, BinaryIO

MAGIC = b"HCF1"
PREFIX = struct.Struct("<4sIQ")
#: dtype name on the wire -> (array typecode, item size)
DTYPES = {"i32": ("i", 4), "f32": ("f", 4), "u8": ("B", 1), "f64": ("d", 8), "i64": ("q", 8)}
#: Refuse frames larger than this (a corrupt prefix would otherwise allocate absurd buffers).
MAX_FRAME = 1 << 36

assert sys.byteorder == "little", "the protocol's arrays are little-endian"
assert array("i").itemsize == 4 and array("f").itemsize == 4 and array("q").itemsize == 8


class FrameError(Exception):
    """A frame that does not follow the format (bad magic, truncated, bad array reference)."""


class Blob:
    """A typed array on the wire: a dtype name and its raw little-endian bytes."""

    __slots__ = ("dtype", "data", "length")

    def __init__(self, dtype: str, data: bytes | bytearray | memoryview, length: int) -> None:
        if dtype not in DTYPES:
            raise FrameError(f"unknown dtype {dtype!r}")
        self.dtype = dtype
        self.data = data
        self.length = length

    @staticmethod
    def of(dtype: str, values: Any) -> "Blob":
        """A blob from a sequence of Python numbers."""
        code, _ = DTYPES[dtype]
        arr = array(code, values)
        return Blob(dtype, arr.tobytes(), len(arr))

    def tolist(self) -> list:
        code, _ = DTYPES[self.dtype]
        arr = array(code)
        arr.frombytes(bytes(self.data))
        return arr.tolist()


def _pad8(n: int) -> int:
    return (n + 7) & ~7


def _extract(value: Any, blobs: list[Blob]) -> Any:
    """Replaces each Blob inside value by {"$a": k}, collecting the blobs in order, and each non-finite float
    by {"$f": "nan" | "inf" | "-inf"} (JSON has no such numbers)."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"$f": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if isinstance(value, Blob):
        blobs.append(value)
        return {"$a": len(blobs) - 1}
    if isinstance(value, dict):
        return {k: _extract(v, blobs) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_extract(v, blobs) for v in value]
    return value


def encode(header: dict) -> list[bytes | memoryview]:
    """The chunks of one frame for a header whose values may contain Blobs anywhere."""
    blobs: list[Blob] = []
    head = _extract(header, blobs)
    chunks: list[bytes | memoryview] = []
    table = []
    offset = 0
    for blob in blobs:
        size = blob.length * DTYPES[blob.dtype][1]
        table.append({"dtype": blob.dtype, "offset": offset, "length": blob.length})
        chunks.append(blob.data if isinstance(blob.data, (bytes, memoryview)) else memoryview(blob.data))
        padded = _pad8(size)
        if padded > size:
            chunks.append(b"\0" * (padded - size))
        offset += padded
    head["arrays"] = table
    text = json.dumps(head, separators=(",", ":"), allow_nan=False).encode("utf-8")
    padded_text = text + b" " * (_pad8(len(text)) - len(text))
    return [PREFIX.pack(MAGIC, len(text), offset), padded_text, *chunks]


_STAND_INS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def _insert(value: Any, blobs: list[Blob]) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and "$f" in value:
            if value["$f"] not in _STAND_INS:
                raise FrameError(f"bad number stand-in {value['$f']!r}")
            return _STAND_INS[value["$f"]]
        if len(value) == 1 and "$a" in value:
            k = value["$a"]
            if not isinstance(k, int) or not 0 <= k < len(blobs):
                raise FrameError(f"array reference {k!r} out of range")
            return blobs[k]
        return {k: _insert(v, blobs) for k, v in value.items()}
    if isinstance(value, list):
        return [_insert(v, blobs) for v in value]
    return value


def decode(text: bytes, payload: bytearray) -> dict:
    """The header of a frame with its array references replaced by Blobs viewing payload."""
    try:
        head = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FrameError(f"bad header: {err}") from None
    if not isinstance(head, dict):
        raise FrameError("the header is not a JSON object")
    blobs = []
    view = memoryview(payload)
    for entry in head.pop("arrays", []):
        dtype, offset, length = entry.get("dtype"), entry.get("offset"), entry.get("length")
        if dtype not in DTYPES or not isinstance(offset, int) or not isinstance(length, int):
            raise FrameError(f"bad array entry {entry!r}")
        end = offset + length * DTYPES[dtype][1]
        if offset % 8 or offset < 0 or length < 0 or end > len(payload):
            raise FrameError(f"array entry {entry!r} does not fit a payload of {len(payload)} bytes")
        blobs.append(Blob(dtype, view[offset:end], length))
    return _insert(head, blobs)


def _read_exact(stream: BinaryIO, n: int, into: bytearray | None = None) -> bytearray | None:
    buf = into if into is not None else bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = stream.readinto(view[got:])
        if not k:
            if got == 0:
                return None
            raise FrameError(f"stream ended inside a frame ({got} of {n} bytes)")
        got += k
    return buf


def read_frame(stream: BinaryIO) -> tuple[bytes, bytearray] | None:
    """(header JSON bytes, payload) of the next frame, or None at a clean end of stream."""
    prefix = _read_exact(stream, PREFIX.size)
    if prefix is None:
        return None
    magic, hlen, plen = PREFIX.unpack(bytes(prefix))
    if magic != MAGIC:
        raise FrameError(f"bad magic {magic!r}: not a hintc frame")
    if plen % 8 or hlen + plen > MAX_FRAME:
        raise FrameError(f"bad lengths: header {hlen}, payload {plen}")
    text = _read_exact(stream, _pad8(hlen)) if hlen else bytearray()
    if text is None:
        raise FrameError("stream ended after a frame prefix")
    payload = _read_exact(stream, plen) if plen else bytearray()
    if payload is None:
        raise FrameError("stream ended before a frame's payload")
    return bytes(text[:hlen]), payload


def pack_raw(text: bytes, payload: bytearray) -> bytes:
    """A frame's bytes back from read_frame's parts (to broadcast it to the other ranks)."""
    return PREFIX.pack(MAGIC, len(text), len(payload)) + text + b" " * (_pad8(len(text)) - len(text)) + bytes(payload)


def unpack_raw(raw: bytes | bytearray) -> tuple[bytes, bytearray]:
    magic, hlen, plen = PREFIX.unpack(bytes(raw[: PREFIX.size]))
    if magic != MAGIC:
        raise FrameError("bad magic in a broadcast frame")
    start = PREFIX.size + _pad8(hlen)
    return bytes(raw[PREFIX.size : PREFIX.size + hlen]), bytearray(raw[start : start + plen])


def write_frame(stream: BinaryIO, header: dict) -> int:
    """Writes one frame and flushes; returns its size in bytes."""
    total = 0
    for chunk in encode(header):
        view = memoryview(chunk).cast("B")
        while len(view):
            k = stream.write(view)
            if k is None:
                k = 0
            view = view[k:]
            total += k
    stream.flush()
    return total
