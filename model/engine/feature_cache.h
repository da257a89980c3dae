// The vision feature cache: ViT outputs per (video content, frame index, vision weights, preprocessing),
// on disk as one small safetensors file per frame, with a size cap and least-recently-used eviction.
// A second question on the same video, or a re-answer with user-chosen keyframes, never re-runs the
// ViT. Each entry carries a checksum of its data; a damaged entry is deleted and reported as a miss, so
// it is recomputed, never used. Safe to share between threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <ATen/core/Tensor.h>

namespace sevila::engine {

struct FeatureKey {
  std::string video;          // content key of the video file (size + hash; see media::contentKey)
  int64_t frameIndex = 0;     // absolute decoded frame index
  std::string vision;         // fingerprint of the vision weights
  std::string preprocessing;  // e.g. "224-bilinear"
  std::string text() const;   // all four, for file names and metadata
};

struct FeatureCacheStats {
  int64_t hits = 0, misses = 0, damaged = 0, evictions = 0, stores = 0;
  int64_t storeFailures = 0;  // entries that could not be written (full or read-only disk, ...)
};

class FeatureCache {
public:
  // `directory` is created when missing. capBytes 0 disables storing (every load misses).
  FeatureCache(std::string directory, uint64_t capBytes);

  std::optional<at::Tensor> load(const FeatureKey& key);
  // Whether an entry is there, without reading it (or counting a hit or miss): a damaged one still
  // counts until load() finds it out.
  bool contains(const FeatureKey& key) const;
  // Writes atomically (temp file + rename), then evicts least-recently-used entries beyond the cap.
  // False when the entry could not be written (a full or read-only disk): nothing is left behind, the
  // reason is in lastStoreError(), and the caller goes on without caching (the cache is never required).
  bool store(const FeatureKey& key, const at::Tensor& features);
  std::string lastStoreError() const;
  void clear();

  uint64_t sizeBytes() const;
  size_t entryCount() const;
  uint64_t capBytes() const { return m_cap; }
  FeatureCacheStats stats() const;
  const std::string& directory() const { return m_directory; }
  std::string pathOf(const FeatureKey& key) const;

private:
  struct Entry {
    uint64_t bytes = 0;
    uint64_t lastUse = 0;  // logical clock; seeded from file times at startup
  };
  void scan();
  void evictLocked();
  void forgetLocked(const std::string& path);

  std::string m_directory;
  uint64_t m_cap;
  mutable std::mutex m_mutex;
  std::map<std::string, Entry> m_entries;  // by file path
  uint64_t m_total = 0;
  uint64_t m_clock = 0;
  FeatureCacheStats m_stats;
  std::string m_lastStoreError;
};

// FNV-1a 64 over bytes, as 16 hex digits: the entries' checksum and the key hash.
std::string fnv1a64Hex(const void* data, size_t bytes);

}  // namespace sevila::engine
