// torch.save checkpoint reader: zip archive + restricted pickle + storages copied into owned tensors.
#include "nn/pth_checkpoint.h"

#include <cstring>
#include <memory>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include "core/error.h"
#include "core/unique_fd.h"
#include "nn/zip_archive.h"

namespace sevila::nn {
namespace {

using pickle::Value;

// The first bytes of the file, for telling a legacy (pre-1.6, non-zip) torch.save file apart.
std::string leadingBytes(const std::string& path, size_t n) {
  std::string out(n, '\0');
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return {};
  const ssize_t got = ::read(fd.get(), &out[0], n);
  out.resize(got > 0 ? static_cast<size_t>(got) : 0);
  return out;
}

// A storage inside the archive: bounds are checked at open, bytes (and their CRC) when a tensor is read.
class ZipStorage : public pickle::StorageSource {
public:
  ZipStorage(std::shared_ptr<const ZipArchive> zip, std::string path, std::string entry, std::string key,
             at::ScalarType dtype, int64_t numel)
      : m_zip(std::move(zip)),
        m_path(std::move(path)),
        m_entry(std::move(entry)),
        m_key(std::move(key)),
        m_dtype(dtype),
        m_numel(numel) {}
  at::ScalarType dtype() const override { return m_dtype; }
  int64_t numel() const override { return m_numel; }
  at::Tensor load(int64_t first, int64_t count) const override {
    if (first < 0 || count < 0 || first > m_numel || count > m_numel - first)
      throw Error(m_path, "storage '" + m_key + "': elements [" + std::to_string(first) + ", +" +
                              std::to_string(count) + ") lie outside it");
    const ZipArchive::Bytes bytes = m_zip->read(m_entry);  // checks the CRC
    const uint64_t elementSize = c10::elementSize(m_dtype);
    const unsigned char* src = bytes.data + static_cast<uint64_t>(first) * elementSize;
    const uint64_t nbytes = static_cast<uint64_t>(count) * elementSize;
    if (m_dtype == at::kBool)
      for (uint64_t i = 0; i < nbytes; ++i)
        if (src[i] > 1) throw Error(m_path, "storage '" + m_key + "' holds a bool byte that is not 0 or 1");
    at::Tensor out = at::empty({count}, at::TensorOptions().dtype(m_dtype).device(at::kCPU));
    if (nbytes) std::memcpy(out.data_ptr(), src, nbytes);
    return out;
  }

private:
  std::shared_ptr<const ZipArchive> m_zip;
  std::string m_path, m_entry, m_key;
  at::ScalarType m_dtype;
  int64_t m_numel;
};

nlohmann::json toJson(const std::string& path, const std::string& where, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::None:
      return nullptr;
    case Value::Kind::Bool:
      return v.asBool();
    case Value::Kind::Int:
      return v.asInt();
    case Value::Kind::Float:
      return v.asFloat();
    case Value::Kind::String:
      return v.asString();
    case Value::Kind::List:
    case Value::Kind::Tuple: {
      nlohmann::json out = nlohmann::json::array();
      for (size_t i = 0; i < v.items().size(); ++i)
        out.push_back(toJson(path, where + "[" + std::to_string(i) + "]", *v.items()[i]));
      return out;
    }
    case Value::Kind::Dict: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [k, value] : v.entries()) {
        const std::string key = k->is(Value::Kind::String) ? k->asString() : std::to_string(k->asInt());
        out[key] = toJson(path, where + "." + key, *value);
      }
      return out;
    }
    default:
      throw Error(path, "'" + where + "' holds a " + v.kindName() + ", not a plain value");
  }
}

}  // namespace

PthCheckpoint PthCheckpoint::open(const std::string& path) {
  PthCheckpoint ckpt;
  ckpt.m_path = path;
  const std::string head = leadingBytes(path, 2);
  if (head.size() == 2 && static_cast<unsigned char>(head[0]) == 0x80 && head[1] == 0x02)
    throw Error(path, "is a legacy (pre-PyTorch-1.6) torch.save file, which this reader does not read",
                "re-save it with a recent PyTorch: torch.save(torch.load(f), f)");
  std::unique_ptr<ZipArchive> zip = ZipArchive::open(path);

  // torch.save writes "<name>/data.pkl", "<name>/data/<key>", "<name>/version" [, "<name>/byteorder"].
  std::string prefix;
  int found = 0;
  for (const auto& e : zip->entries()) {
    const auto slash = e.name.find('/');
    if (slash != std::string::npos && e.name.compare(slash, std::string::npos, "/data.pkl") == 0) {
      prefix = e.name.substr(0, slash + 1);
      ++found;
    }
  }
  if (found == 0)
    throw Error(path, "the zip archive holds no <dir>/data.pkl, so it is not a torch.save checkpoint");
  if (found > 1) throw Error(path, "the zip archive holds " + std::to_string(found) + " data.pkl files");
  if (zip->find(prefix + "byteorder")) {
    const auto order = zip->read(prefix + "byteorder");
    if (std::string(reinterpret_cast<const char*>(order.data), order.size) != "little")
      throw Error(path, "stores big-endian tensors, which this reader does not read");
  }

  const std::shared_ptr<const ZipArchive> archive(std::move(zip));
  const pickle::StorageLoader loader = [&](const std::string& key, at::ScalarType dtype, int64_t numel) {
    if (key.empty() || key.find('/') != std::string::npos || key.find('\0') != std::string::npos)
      throw Error(path, "pickle names a malformed storage key '" + key + "'");
    const std::string name = prefix + "data/" + key;
    const ZipArchive::Entry* entry = archive->find(name);
    if (!entry) throw Error(path, "storage '" + key + "' is missing (no archive entry " + name + ")");
    uint64_t needed = 0;
    if (__builtin_mul_overflow(static_cast<uint64_t>(numel), c10::elementSize(dtype), &needed) ||
        needed > entry->size)
      throw Error(path, "storage '" + key + "' holds " + std::to_string(entry->size) +
                            " bytes but the pickle claims " + std::to_string(numel) + " elements of " +
                            c10::toString(dtype) + " (storage shorter than its tensors claim)");
    archive->read(name, /*verifyCrc=*/false);  // local header and bounds now; the CRC when the data is read
    return std::make_shared<const ZipStorage>(archive, path, name, key, dtype, numel);
  };
  const ZipArchive::Bytes pkl = archive->read(prefix + "data.pkl");
  ckpt.m_root = pickle::unpickle(pkl.data, pkl.size, path, loader);
  return ckpt;
}

std::vector<std::string> PthCheckpoint::keys() const {
  std::vector<std::string> out;
  if (!m_root->is(Value::Kind::Dict)) return out;
  for (const auto& kv : m_root->entries())
    if (kv.first->is(Value::Kind::String)) out.push_back(kv.first->asString());
  return out;
}

const pickle::Value& PthCheckpoint::at(const std::string& key) const {
  if (!m_root->is(Value::Kind::Dict))
    throw Error(m_path,
                std::string("the checkpoint is a ") + m_root->kindName() + ", not a dict with '" + key + "'");
  const pickle::ValuePtr v = m_root->get(key);
  if (!v) throw Error(m_path, "the checkpoint has no entry '" + key + "'");
  return *v;
}

std::map<std::string, at::Tensor> PthCheckpoint::stateDict(const std::string& key) const {
  const Value& dict = key.empty() ? *m_root : at(key);
  const std::string what = key.empty() ? std::string("the checkpoint") : "'" + key + "'";
  if (!dict.is(Value::Kind::Dict))
    throw Error(m_path, what + " is a " + dict.kindName() + ", not a state dict");
  std::map<std::string, at::Tensor> out;
  for (const auto& [k, v] : dict.entries()) {
    if (!k->is(Value::Kind::String))
      throw Error(m_path, what + " has a non-string key, so it is not a state dict");
    if (!v->is(Value::Kind::Tensor))
      throw Error(m_path, what + ": entry '" + k->asString() + "' is a " + v->kindName() + ", not a tensor");
    out.emplace(k->asString(), v->tensor());
  }
  return out;
}

nlohmann::json PthCheckpoint::json(const std::string& key) const {
  return toJson(m_path, key, at(key));
}

}  // namespace sevila::nn
