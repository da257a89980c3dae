// Reading and writing safetensors files (the Hugging Face weight format): an 8-byte little-endian
// header length, a JSON header {name: {dtype, shape, data_offsets}, "__metadata__": {...}}, raw data.
// The reader memory-maps the file and distrusts it completely: every refusal names the file, the
// tensor when there is one, and the reason.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <ATen/core/Tensor.h>

namespace sevila::nn {

struct SafetensorsEntry {
  std::string dtype;  // "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL", "F64"
  std::vector<int64_t> shape;
  uint64_t begin = 0, end = 0;  // byte offsets relative to the data block
};

class SafetensorsFile {
public:
  // Maps and validates the whole header; throws sevila::Error(path, reason). Checked: file length,
  // header length (at most 100 MB and inside the file), JSON syntax, repeated keys (refused, since a
  // JSON object would silently keep only one), each entry's fields, dtype, shape, data_offsets inside
  // the data block, shape x dtype size == byte count (overflow-safe), no two tensors sharing bytes,
  // and __metadata__ being string -> string. Gaps between tensors are allowed.
  static std::shared_ptr<const SafetensorsFile> open(const std::string& path);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::string& path() const { return m_path; }
  std::vector<std::string> names() const;  // sorted
  bool contains(const std::string& name) const { return m_entries.count(name) > 0; }
  const SafetensorsEntry& entry(const std::string& name) const;  // throws for an unknown name
  const std::map<std::string, std::string>& metadata() const { return m_metadata; }
  // A CPU tensor holding the named tensor's data (its own memory: the map may be closed later).
  at::Tensor tensor(const std::string& name) const;

private:
  SafetensorsFile() = default;
  std::string m_path;
  std::map<std::string, SafetensorsEntry> m_entries;
  std::map<std::string, std::string> m_metadata;
  const unsigned char* m_map = nullptr;
  uint64_t m_mapSize = 0;
  uint64_t m_dataStart = 0;
};

// A model's weights: `model.safetensors`, or `model.safetensors.index.json` with its shards, in one
// directory (or one .safetensors file, or the index file itself). Names are unique across shards: a
// name stored in two shards is refused, as is a shard name that is not a plain file name in the
// index's directory and a name the index assigns to a shard that lacks it.
class SafetensorsCheckpoint {
public:
  static SafetensorsCheckpoint open(const std::string& pathOrDirectory);
  std::vector<std::string> names() const;  // sorted
  bool contains(const std::string& name) const { return m_owner.count(name) > 0; }
  const SafetensorsEntry& entry(const std::string& name) const;
  at::Tensor tensor(const std::string& name) const;
  // The file that holds `name` (for messages).
  const std::string& fileOf(const std::string& name) const;

  // The directory, index or file this checkpoint was opened from.
  const std::string& path() const { return m_path; }

private:
  size_t ownerOf(const std::string& name) const;  // throws for an unknown name
  std::string m_path;
  std::vector<std::shared_ptr<const SafetensorsFile>> m_files;
  std::map<std::string, size_t> m_owner;  // name -> index in m_files
};

// Reads every tensor of a file (CPU tensors). Convenience for tests and golden inputs.
std::map<std::string, at::Tensor> loadSafetensors(const std::string& path);

// Writes tensors (any device; contiguous CPU copies are made) atomically: a temporary file in the same
// directory, flushed, then renamed over `path`. Names are written sorted, data 8-byte aligned.
void saveSafetensors(const std::string& path, const std::map<std::string, at::Tensor>& tensors,
                     const std::map<std::string, std::string>& metadata = {});

}  // namespace sevila::nn
