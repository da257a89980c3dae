#!/usr/bin/env python3
"""Writes the hand-made seeds of the fuzz corpora (tests/data/fuzz/<target>/seed-*), small valid inputs
the fuzzers start from: a safetensors file, a .pth checkpoint as torch.save writes it (zip + pickle
protocol 2 + storages) and its data.pkl, a frame-index sidecar and a feature-cache entry. Needs only
Python's standard library: the pickle's torch globals come from stand-in modules. Findings are added
next to the seeds by hand (docs/reliability.md)."""
import collections
import io
import json
import pickle
import struct
import sys
import types
import zipfile
from pathlib import Path

out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data" / "fuzz")


def write(target, name, data):
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    if not (folder / "empty").exists():
        (folder / "empty").write_bytes(b"")


def safetensors(tensors, metadata=None):
    header, blob = {}, b""
    for name, (dtype, shape, data) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(blob), len(blob) + len(data)]}
        blob += data
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + blob


def fnv1a64(data):
    h = 1469598103934665603
    for b in data:
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


floats = struct.pack("<6f", 0.5, -1.0, 2.0, 0.0, 3.25, -0.125)
write("safetensors", "seed-two-tensors.safetensors",
      safetensors({"a": ("F32", [2, 3], floats), "b": ("I64", [2], struct.pack("<2q", 7, -7))}, {"format": "pt"}))

# The feature cache's entry for the fuzz target's key (fuzz_feature_cache.cpp).
key = "1234-0123456789abcdef|7|vision-fingerprint|224-bilinear"
write("feature_cache", "seed-entry.safetensors",
      safetensors({"features": ("F32", [2, 3], floats)}, {"key": key, "checksum": fnv1a64(floats)}))

# A sidecar of the frame index (fuzz_frame_index.cpp's key), 4 frames at 10 fps.
write("frame_index", "seed-sidecar.json", json.dumps({
    "version": 2, "key": "1234-0123456789abcdef", "frame_count": 4, "time_base": [1, 10], "fps": 10.0,
    "seekable": True, "timestamps": [0, 1, None, 3], "seconds": [0.0, 0.1, 0.2, 0.3], "key_frames": [0, 2],
    "warnings": ["seed"], "from_packets": False}).encode())

# torch.save's layout with stand-ins for the globals it names.
torch = types.ModuleType("torch")
utils = types.ModuleType("torch._utils")
sys.modules.update({"torch": torch, "torch._utils": utils})


def _rebuild_tensor_v2(*args):
    raise RuntimeError("stand-in")


_rebuild_tensor_v2.__module__ = "torch._utils"
utils._rebuild_tensor_v2 = _rebuild_tensor_v2
FloatStorage = type("FloatStorage", (), {"__module__": "torch"})
torch.FloatStorage = FloatStorage


class Storage:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel


class Tensor:
    def __init__(self, storage, shape):
        self.storage, self.shape = storage, shape

    def __reduce__(self):
        strides, s = [], 1
        for n in reversed(self.shape):
            strides.insert(0, s)
            s *= n
        return (_rebuild_tensor_v2, (self.storage, 0, tuple(self.shape), tuple(strides), False,
                                     collections.OrderedDict()))


class Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", FloatStorage, obj.key, "cpu", obj.numel)
        return None


state = collections.OrderedDict(
    [("t5_proj.weight", Tensor(Storage("0", 6), [2, 3])), ("t5_proj.bias", Tensor(Storage("1", 2), [2]))])
buffer = io.BytesIO()
Pickler(buffer, protocol=2).dump({"model": state, "epoch": 3})
pkl = buffer.getvalue()
write("pickle", "seed-state-dict.pkl", pkl)
archive = io.BytesIO()
with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
    z.writestr("archive/data.pkl", pkl)
    z.writestr("archive/data/0", floats)
    z.writestr("archive/data/1", struct.pack("<2f", 1.0, -1.0))
    z.writestr("archive/version", "3\n")
write("pth", "seed-checkpoint.pth", archive.getvalue())

for target in ["spiece", "config", "nextqa", "star", "how2qa", "tvqa", "vlep", "qvhighlights", "keyframes",
               "results"]:
    write(target, "empty", b"")
print("seeds written to", out)
