"""The Python side of the frame codec (no torch needed): round trips, stand-ins, malformed streams."""
import io
import math
import unittest

from engine import frames
from engine.frames import Blob, FrameError


class FrameTests(unittest.TestCase):
    def roundtrip(self, header: dict) -> dict:
        buf = io.BytesIO()
        frames.write_frame(buf, header)
        buf.seek(0)
        text, payload = frames.read_frame(buf)
        self.assertIsNone(frames.read_frame(buf))  # a clean end of stream
        return frames.decode(text, payload)

    def test_arrays_and_json_round_trip(self):
        back = self.roundtrip({"op": "x", "body": {"v": Blob.of("i32", [1, -2, 3]), "f": Blob.of("f32", [0.5]),
                                                   "m": Blob.of("u8", [1, 0, 1]), "s": "ü", "n": None}})
        body = back["body"]
        self.assertEqual(body["v"].tolist(), [1, -2, 3])
        self.assertEqual(body["f"].tolist(), [0.5])
        self.assertEqual(body["m"].tolist(), [1, 0, 1])
        self.assertEqual((body["s"], body["n"]), ("ü", None))

    def test_arrays_start_at_8_byte_offsets(self):
        chunks = frames.encode({"a": Blob.of("u8", [1, 2, 3]), "b": Blob.of("i32", [7])})
        raw = b"".join(bytes(c) for c in chunks)
        import json
        hlen = int.from_bytes(raw[4:8], "little")
        head = json.loads(raw[16 : 16 + hlen])
        self.assertEqual([a["offset"] for a in head["arrays"]], [0, 8])
        self.assertEqual(len(raw) % 8, 0)

    def test_non_finite_numbers_travel_as_stand_ins(self):
        back = self.roundtrip({"loss": math.nan, "hi": math.inf, "lo": -math.inf, "ok": 1.0})
        self.assertTrue(math.isnan(back["loss"]))
        self.assertEqual((back["hi"], back["lo"], back["ok"]), (math.inf, -math.inf, 1.0))

    def test_bad_magic_and_truncation_are_frame_errors(self):
        with self.assertRaisesRegex(FrameError, "bad magic"):
            frames.read_frame(io.BytesIO(b"Traceback (most recent call last)"))
        raw = b"".join(bytes(c) for c in frames.encode({"a": Blob.of("f64", [1.0, 2.0])}))
        with self.assertRaisesRegex(FrameError, "ended inside a frame"):
            frames.read_frame(io.BytesIO(raw[:-4]))

    def test_a_dangling_array_reference_is_refused(self):
        raw = b"".join(bytes(c) for c in frames.encode({"x": {"$a": 2}}))
        text, payload = frames.read_frame(io.BytesIO(raw))
        with self.assertRaisesRegex(FrameError, "out of range"):
            frames.decode(text, payload)

    def test_raw_packing_for_the_broadcast_is_lossless(self):
        raw = b"".join(bytes(c) for c in frames.encode({"op": "generate", "v": Blob.of("i32", [5, 6])}))
        text, payload = frames.read_frame(io.BytesIO(raw))
        self.assertEqual(frames.pack_raw(text, payload), raw)
        text2, payload2 = frames.unpack_raw(raw)
        self.assertEqual(frames.decode(text2, payload2)["v"].tolist(), [5, 6])


if __name__ == "__main__":
    unittest.main()
