// Least-recently-used cache of small RGB frames for the timeline and keyframe strips, bounded in
// bytes (pixel data). Thread-safe. Plain C++: GUI code may include it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "media/rgb_image.h"

namespace sevila::media {

struct ThumbnailKey {
  int64_t frame = 0;
  int width = 0;
  int height = 0;
  bool operator==(const ThumbnailKey& o) const {
    return frame == o.frame && width == o.width && height == o.height;
  }
};

class ThumbnailCache {
public:
  explicit ThumbnailCache(std::size_t maxBytes) : m_maxBytes(maxBytes) {}

  std::optional<RgbImage> get(const ThumbnailKey& key);
  // Inserts (or refreshes) and evicts the least recently used entries beyond the byte bound. An image
  // larger than the whole bound is not kept.
  void put(const ThumbnailKey& key, const RgbImage& image);
  void clear();

  std::size_t bytes() const;
  std::size_t size() const;
  std::size_t maxBytes() const { return m_maxBytes; }

private:
  struct Hash {
    std::size_t operator()(const ThumbnailKey& k) const {
      return std::hash<int64_t>()(k.frame) ^ (std::hash<int>()(k.width) << 1) ^
             (std::hash<int>()(k.height) << 2);
    }
  };
  using Entry = std::pair<ThumbnailKey, RgbImage>;
  mutable std::mutex m_mutex;
  std::list<Entry> m_order;  // most recent first
  std::unordered_map<ThumbnailKey, std::list<Entry>::iterator, Hash> m_map;
  std::size_t m_bytes = 0;
  std::size_t m_maxBytes;
};

}  // namespace sevila::media
