// Writing torch.save checkpoints (`.pth`, the zip format of PyTorch >= 1.6) without Python, so that a
// refined model can be saved as a SeViLA/LAVIS checkpoint ({"model": state dict, "config": ...,
// "epoch": n}) that both PthCheckpoint and Python's `torch.load(path, weights_only=True)` read back.
//
// The archive is what torch.save writes: `<dir>/data.pkl` (a protocol-2 pickle), `<dir>/byteorder`
// ("little"), one `<dir>/data/<key>` per storage and `<dir>/version` ("3\n"), every entry stored
// uncompressed with its data 64-byte aligned (a "FB" padding field in the local header, as PyTorch
// pads). Zip64 records are written only where a size, an offset or the entry count needs them.
// The pickle names only collections.OrderedDict, torch._utils._rebuild_tensor_v2 and torch.*Storage:
// exactly what the restricted unpickler and torch's weights_only loader accept.
//
// Tensors are written as contiguous CPU copies of themselves (any device, any strides), one storage
// each, so two different views of one buffer are stored apart; entries that are the very same view of
// the same memory (tied weights) share one storage, as torch.save would store them. A CUDA tensor is copied
// to the host only while its own bytes are written, so a checkpoint costs no more host memory than its
// largest tensor.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <ATen/core/Tensor.h>

namespace sevila::nn {

// A plain value tree for torch.save: None, bool, int, float, string, tensor, list, dict (string keys,
// insertion order kept). Strings must be UTF-8 (Python decodes them so); containers nest at most
// pickle::kMaxDepth (64) deep, the most the restricted unpickler reads back.
struct PthValue {
  enum class Kind { None, Bool, Int, Float, String, Tensor, List, Dict };
  Kind kind = Kind::None;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text;
  at::Tensor tensor;
  std::vector<PthValue> items;                            // List
  std::vector<std::pair<std::string, PthValue>> entries;  // Dict
  bool ordered = false;  // Dict: written as a collections.OrderedDict (set by stateDict()), else a dict

  static PthValue none();
  static PthValue of(bool v);
  static PthValue of(int64_t v);
  static PthValue of(int v);
  static PthValue of(double v);
  static PthValue of(std::string v);
  static PthValue of(const char* v);
  static PthValue of(at::Tensor v);
  static PthValue list(std::vector<PthValue> items);
  static PthValue dict(std::vector<std::pair<std::string, PthValue>> entries);
  // A state dict: name -> tensor, in the map's order, pickled as a collections.OrderedDict (what
  // module.state_dict() returns).
  static PthValue stateDict(const std::map<std::string, at::Tensor>& tensors);
};

// The bytes torch.save(obj, f) would write for `root` (entries stored uncompressed, data 64-byte
// aligned), in the archive folder `archiveName`. Throws sevila::Error("pth", reason) for a value that
// cannot be written (an undefined, sparse, quantized or complex tensor, a dtype other than float32/64,
// float16, bfloat16, int64/32/16/8, uint8, bool; a repeated dict key; a string that is not UTF-8;
// containers nested too deep). Holds the whole file in memory: use writePth for large checkpoints.
std::string pthBytes(const PthValue& root, const std::string& archiveName = "archive");

// Writes `root` to `path` as torch.save would (the archive folder is the file's name without its
// extension, as torch.save names it), streaming tensor by tensor. Atomic: a temporary file beside
// `path`, fsync, rename over `path`, fsync of the folder. Every value is checked before the file
// system is touched. A failure (bad value, full disk, no permission) throws sevila::Error(path,
// reason) and leaves any previous file at `path` untouched and no temporary file behind. A previous
// file's permission bits are kept; a new file gets 0644.
void writePth(const std::string& path, const PthValue& root);

namespace detail {
// pthBytes with zip64 records wherever a size, an offset or a count reaches `zip64From` instead of
// 0xFFFFFFFF (0xFFFF for counts): the layout a > 4 GiB checkpoint gets, on a file small enough for a
// test. Not for production files.
std::string pthBytesZip64From(const PthValue& root, const std::string& archiveName, uint64_t zip64From);
}  // namespace detail

}  // namespace sevila::nn
