// Safetensors reader and writer. The reader trusts nothing in the file: the header length is bounded,
// the JSON is parsed without exceptions and with duplicate keys refused, every entry's dtype, shape and
// byte range is checked (with overflow-safe arithmetic) against the data block, and no two tensors may
// share bytes. Only then is a tensor's data copied out of the map into memory the tensor owns.
#include "nn/safetensors.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/file_paths.h"
#include "core/unique_fd.h"

namespace sevila::nn {
namespace {

using json = nlohmann::json;

constexpr uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;  // the Rust reference refuses the same
constexpr size_t kMaxJsonDepth = 8;                         // a valid header nests 3 deep
const char* const kMetadataKey = "__metadata__";

struct DtypeInfo {
  const char* name;
  at::ScalarType type;
  uint64_t size;
};

const DtypeInfo kDtypes[] = {
    {"F64", at::kDouble, 8}, {"F32", at::kFloat, 4}, {"F16", at::kHalf, 2},  {"BF16", at::kBFloat16, 2},
    {"I64", at::kLong, 8},   {"I32", at::kInt, 4},   {"I16", at::kShort, 2}, {"I8", at::kChar, 1},
    {"U8", at::kByte, 1},    {"BOOL", at::kBool, 1},
};

const DtypeInfo* dtypeByName(const std::string& name) {
  for (const auto& d : kDtypes)
    if (name == d.name) return &d;
  return nullptr;
}

const DtypeInfo* dtypeByType(at::ScalarType type) {
  for (const auto& d : kDtypes)
    if (type == d.type) return &d;
  return nullptr;
}

bool hostIsLittleEndian() {
  const uint16_t one = 1;
  unsigned char first;
  std::memcpy(&first, &one, 1);
  return first == 1;
}

std::string tensorReason(const std::string& name, const std::string& reason) {
  return "tensor '" + name + "': " + reason;
}

// Parses `text` as JSON without throwing. Duplicate keys in any object are refused (nlohmann would
// keep the last one silently, so two entries for one tensor could otherwise hide each other).
json parseStrictJson(const std::string& subject, const char* first, const char* last) {
  std::vector<std::set<std::string>> keys;
  std::string duplicate;
  bool tooDeep = false;
  json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (static_cast<size_t>(depth) > kMaxJsonDepth) tooDeep = true;
    if (event == json::parse_event_t::object_start) {
      keys.emplace_back();
    } else if (event == json::parse_event_t::object_end) {
      if (!keys.empty()) keys.pop_back();
    } else if (event == json::parse_event_t::key && !keys.empty() && parsed.is_string()) {
      if (!keys.back().insert(parsed.get_ref<const std::string&>()).second && duplicate.empty())
        duplicate = parsed.get_ref<const std::string&>();
    }
    return true;
  };
  json parsed;
  try {
    parsed = json::parse(first, last, callback, /*allow_exceptions=*/false);
  } catch (const std::exception& e) {  // the callback's own allocations may still throw
    throw Error(subject, std::string("header is not valid JSON: ") + e.what());
  }
  if (parsed.is_discarded()) throw Error(subject, "header is not valid JSON");
  if (tooDeep) throw Error(subject, "header JSON nests deeper than " + std::to_string(kMaxJsonDepth));
  if (!duplicate.empty()) throw Error(subject, "header JSON repeats the key '" + duplicate + "'");
  return parsed;
}

uint64_t readLittleEndian64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// Reads a non-negative integer from a JSON number; false for floats, negatives and non-numbers.
bool asUnsigned(const json& value, uint64_t& out) {
  if (value.is_number_unsigned()) {
    out = value.get<uint64_t>();
    return true;
  }
  if (value.is_number_integer()) {
    const int64_t v = value.get<int64_t>();
    if (v < 0) return false;
    out = static_cast<uint64_t>(v);
    return true;
  }
  return false;
}

SafetensorsEntry parseEntry(const std::string& path, const std::string& name, const json& value,
                            uint64_t dataSize) {
  if (!value.is_object()) throw Error(path, tensorReason(name, "entry is not a JSON object"));
  for (auto it = value.begin(); it != value.end(); ++it)
    if (it.key() != "dtype" && it.key() != "shape" && it.key() != "data_offsets")
      throw Error(path, tensorReason(name, "unknown field '" + it.key() + "'"));
  SafetensorsEntry entry;

  const auto dtype = value.find("dtype");
  if (dtype == value.end() || !dtype->is_string())
    throw Error(path, tensorReason(name, "missing or non-string 'dtype'"));
  entry.dtype = dtype->get<std::string>();
  const DtypeInfo* info = dtypeByName(entry.dtype);
  if (!info) throw Error(path, tensorReason(name, "unsupported dtype '" + entry.dtype + "'"));

  const auto shape = value.find("shape");
  if (shape == value.end() || !shape->is_array())
    throw Error(path, tensorReason(name, "missing or non-array 'shape'"));
  uint64_t numel = 1;
  for (const auto& dim : *shape) {
    uint64_t d = 0;
    if (!asUnsigned(dim, d) || d > static_cast<uint64_t>(INT64_MAX))
      throw Error(path, tensorReason(name, "shape " + shape->dump() +
                                               " holds a value that is not a non-negative integer"));
    if (__builtin_mul_overflow(numel, d, &numel))
      throw Error(path, tensorReason(name, "shape " + shape->dump() + " overflows 64 bits"));
    entry.shape.push_back(static_cast<int64_t>(d));
  }
  uint64_t nbytes = 0;
  if (__builtin_mul_overflow(numel, info->size, &nbytes))
    throw Error(path, tensorReason(name, "shape " + shape->dump() + " overflows 64 bits in bytes"));

  const auto offsets = value.find("data_offsets");
  if (offsets == value.end() || !offsets->is_array() || offsets->size() != 2 ||
      !asUnsigned((*offsets)[0], entry.begin) || !asUnsigned((*offsets)[1], entry.end))
    throw Error(path, tensorReason(name, "'data_offsets' is not a pair of non-negative integers"));
  const std::string range =
      "data_offsets [" + std::to_string(entry.begin) + ", " + std::to_string(entry.end) + "]";
  if (entry.begin > entry.end) throw Error(path, tensorReason(name, range + " ends before it begins"));
  if (entry.end > dataSize)
    throw Error(path,
                tensorReason(name, range + " lie outside the data block of " + std::to_string(dataSize) +
                                       " bytes (file truncated or header corrupt)"));
  if (entry.end - entry.begin != nbytes)
    throw Error(path, tensorReason(name, "shape " + shape->dump() + " of " + entry.dtype + " needs " +
                                             std::to_string(nbytes) + " bytes but " + range + " hold " +
                                             std::to_string(entry.end - entry.begin)));
  return entry;
}

std::string joinPath(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Reads a small text file (an index) with a size bound.
std::string readSmallFile(const std::string& path, uint64_t limit) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Error(path, "cannot open: " + errnoText());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) throw Error(path, "not a regular file");
  if (static_cast<uint64_t>(st.st_size) > limit)
    throw Error(path, "larger than " + std::to_string(limit) + " bytes; not an index file");
  std::string text(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd.get(), &text[got], text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw Error(path, "cannot read: " + (n < 0 ? errnoText() : std::string("file shrank while reading")));
    got += static_cast<size_t>(n);
  }
  return text;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// SafetensorsFile

std::shared_ptr<const SafetensorsFile> SafetensorsFile::open(const std::string& path) {
  if (!hostIsLittleEndian()) throw Error(path, "safetensors reading needs a little-endian host");
  std::shared_ptr<SafetensorsFile> file(new SafetensorsFile());
  file->m_path = path;

  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Error(path, "cannot open: " + errnoText());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw Error(path, "cannot stat: " + errnoText());
  if (!S_ISREG(st.st_mode))
    throw Error(path, S_ISDIR(st.st_mode) ? "is a directory, not a safetensors file" : "not a regular file");
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size < 8)
    throw Error(path, "file of " + std::to_string(size) + " bytes is shorter than the 8-byte header length",
                "the file is truncated or not a safetensors file");
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (map == MAP_FAILED) throw Error(path, "cannot memory-map: " + errnoText());
  fd.reset();  // the mapping stays valid without the descriptor
  file->m_map = static_cast<const unsigned char*>(map);
  file->m_mapSize = size;  // from here the destructor unmaps on every throw

  const uint64_t headerSize = readLittleEndian64(file->m_map);
  if (headerSize > kMaxHeaderBytes)
    throw Error(path,
                "header length " + std::to_string(headerSize) + " exceeds the limit of " +
                    std::to_string(kMaxHeaderBytes) + " bytes",
                "the file is corrupt or not a safetensors file");
  if (headerSize > size - 8)
    throw Error(path,
                "header length " + std::to_string(headerSize) + " runs past the end of the " +
                    std::to_string(size) + "-byte file",
                "the file is truncated or not a safetensors file");
  file->m_dataStart = 8 + headerSize;
  const uint64_t dataSize = size - file->m_dataStart;

  const char* text = reinterpret_cast<const char*>(file->m_map + 8);
  const json header = parseStrictJson(path, text, text + headerSize);
  if (!header.is_object()) throw Error(path, "header is not a JSON object");

  try {
    for (auto it = header.begin(); it != header.end(); ++it) {
      if (it.key() == kMetadataKey) {
        if (!it.value().is_object()) throw Error(path, "__metadata__ is not a JSON object");
        for (auto m = it.value().begin(); m != it.value().end(); ++m) {
          if (!m.value().is_string())
            throw Error(path, "__metadata__ value of '" + m.key() + "' is not a string");
          file->m_metadata[m.key()] = m.value().get<std::string>();
        }
        continue;
      }
      file->m_entries[it.key()] = parseEntry(path, it.key(), it.value(), dataSize);
    }
  } catch (const json::exception& e) {  // defensive: every access above is type-checked first
    throw Error(path, std::string("malformed header: ") + e.what());
  }

  // No two tensors may share bytes (empty tensors own none).
  std::vector<std::pair<const std::string*, const SafetensorsEntry*>> byOffset;
  for (const auto& [name, entry] : file->m_entries)
    if (entry.end > entry.begin) byOffset.emplace_back(&name, &entry);
  std::sort(byOffset.begin(), byOffset.end(),
            [](const auto& a, const auto& b) { return a.second->begin < b.second->begin; });
  for (size_t i = 1; i < byOffset.size(); ++i)
    if (byOffset[i].second->begin < byOffset[i - 1].second->end)
      throw Error(path, tensorReason(*byOffset[i].first,
                                     "its bytes overlap those of tensor '" + *byOffset[i - 1].first + "'"));
  return file;
}

SafetensorsFile::~SafetensorsFile() {
  if (m_map) ::munmap(const_cast<unsigned char*>(m_map), m_mapSize);
}

std::vector<std::string> SafetensorsFile::names() const {
  std::vector<std::string> out;
  out.reserve(m_entries.size());
  for (const auto& kv : m_entries) out.push_back(kv.first);
  return out;
}

const SafetensorsEntry& SafetensorsFile::entry(const std::string& name) const {
  const auto it = m_entries.find(name);
  if (it == m_entries.end()) throw Error(m_path, tensorReason(name, "not in this file"));
  return it->second;
}

at::Tensor SafetensorsFile::tensor(const std::string& name) const {
  const SafetensorsEntry& e = entry(name);
  const DtypeInfo* info = dtypeByName(e.dtype);  // validated at open
  at::Tensor out = at::empty(e.shape, at::TensorOptions().dtype(info->type).device(at::kCPU));
  const unsigned char* src = m_map + m_dataStart + e.begin;
  const uint64_t nbytes = e.end - e.begin;
  if (info->type == at::kBool) {  // a bool byte other than 0/1 is undefined behaviour in torch
    for (uint64_t i = 0; i < nbytes; ++i)
      if (src[i] > 1)
        throw Error(m_path, tensorReason(name, "BOOL byte " + std::to_string(i) + " is " +
                                                   std::to_string(src[i]) + ", not 0 or 1"));
  }
  if (nbytes > 0) std::memcpy(out.data_ptr(), src, nbytes);  // memcpy: the map offset may be unaligned
  return out;
}

// ---------------------------------------------------------------------------------------------------
// SafetensorsCheckpoint

SafetensorsCheckpoint SafetensorsCheckpoint::open(const std::string& pathOrDirectory) {
  SafetensorsCheckpoint ckpt;
  ckpt.m_path = pathOrDirectory;
  std::string indexPath, singlePath;
  if (isDirectory(pathOrDirectory)) {
    const std::string index = joinPath(pathOrDirectory, "model.safetensors.index.json");
    const std::string single = joinPath(pathOrDirectory, "model.safetensors");
    if (isRegularFile(index))
      indexPath = index;
    else if (isRegularFile(single))
      singlePath = single;
    else
      throw Error(pathOrDirectory, "holds neither model.safetensors nor model.safetensors.index.json",
                  "point to the directory of a Hugging Face checkpoint or to a .safetensors file");
  } else if (endsWith(pathOrDirectory, ".index.json")) {
    indexPath = pathOrDirectory;
  } else {
    singlePath = pathOrDirectory;
  }

  if (!singlePath.empty()) {
    ckpt.m_files.push_back(SafetensorsFile::open(singlePath));
    for (const auto& name : ckpt.m_files[0]->names()) ckpt.m_owner[name] = 0;
    return ckpt;
  }

  // Sharded: {"metadata": {...}, "weight_map": {tensor name: shard file name}}.
  ckpt.m_path = indexPath;
  const std::string text = readSmallFile(indexPath, kMaxHeaderBytes);
  const json index = parseStrictJson(indexPath, text.data(), text.data() + text.size());
  if (!index.is_object()) throw Error(indexPath, "index is not a JSON object");
  const auto map = index.find("weight_map");
  if (map == index.end() || !map->is_object()) throw Error(indexPath, "index has no 'weight_map' object");
  const std::string dir = directoryOf(indexPath);

  std::map<std::string, size_t> shardIndex;   // shard file name -> index in m_files
  std::map<std::string, std::string> listed;  // tensor name -> shard file name
  for (auto it = map->begin(); it != map->end(); ++it) {
    if (!it.value().is_string())
      throw Error(indexPath, tensorReason(it.key(), "weight_map value is not a string"));
    const std::string shard = it.value().get<std::string>();
    if (shard.empty() || shard == "." || shard == ".." || shard.find('/') != std::string::npos ||
        shard.find('\\') != std::string::npos || shard.find('\0') != std::string::npos)
      throw Error(indexPath,
                  tensorReason(it.key(), "shard name '" + shard +
                                             "' is not a plain file name in the checkpoint's directory"));
    listed[it.key()] = shard;
    if (!shardIndex.count(shard)) {
      shardIndex[shard] = ckpt.m_files.size();
      ckpt.m_files.push_back(SafetensorsFile::open(joinPath(dir, shard)));
    }
  }
  if (listed.empty()) throw Error(indexPath, "weight_map lists no tensors");

  // A name stored in two shards is ambiguous even when the index picks one.
  std::map<std::string, size_t> storedIn;
  for (size_t i = 0; i < ckpt.m_files.size(); ++i)
    for (const auto& name : ckpt.m_files[i]->names()) {
      const auto [it, fresh] = storedIn.emplace(name, i);
      if (!fresh)
        throw Error(indexPath,
                    tensorReason(name, "stored in two shards, " + ckpt.m_files[it->second]->path() + " and " +
                                           ckpt.m_files[i]->path()));
    }
  for (const auto& [name, shard] : listed) {
    const size_t i = shardIndex.at(shard);
    if (!ckpt.m_files[i]->contains(name))
      throw Error(indexPath, tensorReason(name, "listed in shard '" + shard + "' but that shard lacks it"));
    ckpt.m_owner[name] = i;
  }
  return ckpt;
}

std::vector<std::string> SafetensorsCheckpoint::names() const {
  std::vector<std::string> out;
  out.reserve(m_owner.size());
  for (const auto& kv : m_owner) out.push_back(kv.first);
  return out;
}

const SafetensorsEntry& SafetensorsCheckpoint::entry(const std::string& name) const {
  return m_files[ownerOf(name)]->entry(name);
}

at::Tensor SafetensorsCheckpoint::tensor(const std::string& name) const {
  return m_files[ownerOf(name)]->tensor(name);
}

const std::string& SafetensorsCheckpoint::fileOf(const std::string& name) const {
  return m_files[ownerOf(name)]->path();
}

size_t SafetensorsCheckpoint::ownerOf(const std::string& name) const {
  const auto it = m_owner.find(name);
  if (it == m_owner.end()) throw Error(m_path, tensorReason(name, "not in this checkpoint"));
  return it->second;
}

// ---------------------------------------------------------------------------------------------------
// Whole-file helpers

std::map<std::string, at::Tensor> loadSafetensors(const std::string& path) {
  const auto file = SafetensorsFile::open(path);
  std::map<std::string, at::Tensor> out;
  for (const auto& name : file->names()) out.emplace(name, file->tensor(name));
  return out;
}

void saveSafetensors(const std::string& path, const std::map<std::string, at::Tensor>& tensors,
                     const std::map<std::string, std::string>& metadata) {
  if (!hostIsLittleEndian()) throw Error(path, "safetensors writing needs a little-endian host");
  std::vector<at::Tensor> data;
  data.reserve(tensors.size());
  json header = json::object();
  uint64_t offset = 0;
  for (const auto& [name, t] : tensors) {  // std::map: names come sorted
    if (name == kMetadataKey) throw Error(path, tensorReason(name, "name is reserved for metadata"));
    if (!t.defined()) throw Error(path, tensorReason(name, "tensor is undefined"));
    const DtypeInfo* info = dtypeByType(t.scalar_type());
    if (!info)
      throw Error(path, tensorReason(name, std::string("dtype ") + c10::toString(t.scalar_type()) +
                                               " has no safetensors equivalent"));
    at::Tensor cpu = t.detach().to(at::kCPU).contiguous();
    const uint64_t nbytes = static_cast<uint64_t>(cpu.numel()) * info->size;
    header[name] = {
        {"dtype", info->name}, {"shape", cpu.sizes().vec()}, {"data_offsets", {offset, offset + nbytes}}};
    offset += nbytes;
    data.push_back(std::move(cpu));
  }
  if (!metadata.empty()) header[kMetadataKey] = metadata;
  std::string text = header.dump();
  text.append((8 - (8 + text.size()) % 8) % 8, ' ');  // data starts 8-byte aligned

  // Atomic replace: a kill or a full disk at any moment leaves the previous file as it was.
  AtomicFile file(path);
  unsigned char length[8];
  uint64_t n = text.size();
  for (int i = 0; i < 8; ++i, n >>= 8) length[i] = static_cast<unsigned char>(n & 0xff);
  file.write(length, 8);
  file.write(text);
  for (const auto& t : data)
    if (t.numel() > 0) file.write(t.data_ptr(), static_cast<size_t>(t.numel()) * t.element_size());
  file.commit();
}

}  // namespace sevila::nn
