#include "engine/feature_cache.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include <torch/torch.h>

#include "core/error.h"
#include "nn/safetensors.h"

namespace fs = std::filesystem;

namespace sevila::engine {
namespace {
constexpr const char* kTensorName = "features";

uint64_t fnv1a64(const void* data, size_t bytes, uint64_t hash = 1469598103934665603ull) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) {
    hash ^= p[i];
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string hex16(uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[i] = digits[v & 15];
  return s;
}

std::string checksumOf(const at::Tensor& t) {
  const at::Tensor c = t.contiguous();
  return hex16(fnv1a64(c.data_ptr(), c.numel() * c.element_size()));
}
}  // namespace

std::string fnv1a64Hex(const void* data, size_t bytes) {
  return hex16(fnv1a64(data, bytes));
}

std::string FeatureKey::text() const {
  return video + "|" + std::to_string(frameIndex) + "|" + vision + "|" + preprocessing;
}

FeatureCache::FeatureCache(std::string directory, uint64_t capBytes)
    : m_directory(std::move(directory)), m_cap(capBytes) {
  std::error_code ec;
  fs::create_directories(m_directory, ec);
  if (ec) throw Error(m_directory, "cannot create the feature cache directory: " + ec.message());
  scan();
}

std::string FeatureCache::pathOf(const FeatureKey& key) const {
  const std::string k = key.text();
  const std::string h = fnv1a64Hex(k.data(), k.size());
  // Two-character fan-out keeps directories small for long dataset runs.
  return (fs::path(m_directory) / h.substr(0, 2) / (h + ".safetensors")).string();
}

void FeatureCache::scan() {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_entries.clear();
  m_total = 0;
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(m_directory, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".safetensors") continue;
    found.emplace_back(it->last_write_time(), it->path().string());
  }
  std::sort(found.begin(), found.end());  // oldest first gets the smallest clock
  for (const auto& [time, path] : found) {
    std::error_code sizeError;
    const uint64_t bytes = fs::file_size(path, sizeError);
    if (sizeError) continue;
    m_entries[path] = Entry{bytes, ++m_clock};
    m_total += bytes;
  }
}

bool FeatureCache::contains(const FeatureKey& key) const {
  const std::string path = pathOf(key);
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_entries.count(path) > 0;
}

std::optional<at::Tensor> FeatureCache::load(const FeatureKey& key) {
  const std::string path = pathOf(key);
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_entries.count(path)) {
      ++m_stats.misses;
      return std::nullopt;
    }
  }
  try {
    auto file = nn::SafetensorsFile::open(path);
    const auto& meta = file->metadata();
    auto keyIt = meta.find("key");
    auto sumIt = meta.find("checksum");
    if (keyIt == meta.end() || keyIt->second != key.text()) throw Error(path, "key mismatch");
    if (sumIt == meta.end() || !file->contains(kTensorName)) throw Error(path, "incomplete entry");
    at::Tensor t = file->tensor(kTensorName);
    if (checksumOf(t) != sumIt->second) throw Error(path, "checksum mismatch");
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_entries.find(path);
    if (it != m_entries.end()) it->second.lastUse = ++m_clock;
    ++m_stats.hits;
    std::error_code ec;
    fs::last_write_time(path, fs::file_time_type::clock::now(), ec);  // LRU order survives restarts
    return t;
  } catch (const std::exception&) {
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_stats.damaged;
    ++m_stats.misses;
    forgetLocked(path);
    std::error_code ec;
    fs::remove(path, ec);
    return std::nullopt;
  }
}

bool FeatureCache::store(const FeatureKey& key, const at::Tensor& features) {
  if (m_cap == 0) return true;
  const std::string path = pathOf(key);
  const at::Tensor cpu = features.detach().to(torch::kCPU).contiguous();
  try {
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) throw Error(path, "cannot create cache folder: " + ec.message());
    nn::saveSafetensors(path, {{kTensorName, cpu}}, {{"key", key.text()}, {"checksum", checksumOf(cpu)}});
  } catch (const Error& e) {
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_stats.storeFailures;
    m_lastStoreError = e.what();
    return false;
  }
  std::error_code ec;
  const uint64_t bytes = fs::file_size(path, ec);
  std::lock_guard<std::mutex> lock(m_mutex);
  forgetLocked(path);
  m_entries[path] = Entry{ec ? 0 : bytes, ++m_clock};
  m_total += m_entries[path].bytes;
  ++m_stats.stores;
  evictLocked();
  return true;
}

std::string FeatureCache::lastStoreError() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_lastStoreError;
}

void FeatureCache::forgetLocked(const std::string& path) {
  auto it = m_entries.find(path);
  if (it == m_entries.end()) return;
  m_total -= it->second.bytes;
  m_entries.erase(it);
}

void FeatureCache::evictLocked() {
  while (m_total > m_cap && !m_entries.empty()) {
    auto oldest = std::min_element(m_entries.begin(), m_entries.end(), [](const auto& a, const auto& b) {
      return a.second.lastUse < b.second.lastUse;
    });
    std::error_code ec;
    fs::remove(oldest->first, ec);
    m_total -= oldest->second.bytes;
    m_entries.erase(oldest);
    ++m_stats.evictions;
  }
}

void FeatureCache::clear() {
  std::lock_guard<std::mutex> lock(m_mutex);
  for (const auto& [path, entry] : m_entries) {
    std::error_code ec;
    fs::remove(path, ec);
  }
  m_entries.clear();
  m_total = 0;
}

uint64_t FeatureCache::sizeBytes() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_total;
}

size_t FeatureCache::entryCount() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_entries.size();
}

FeatureCacheStats FeatureCache::stats() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_stats;
}

}  // namespace sevila::engine
