#include "media/thumbnail_cache.h"

namespace sevila::media {

std::optional<RgbImage> ThumbnailCache::get(const ThumbnailKey& key) {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_map.find(key);
  if (it == m_map.end()) return std::nullopt;
  m_order.splice(m_order.begin(), m_order, it->second);
  return it->second->second;
}

void ThumbnailCache::put(const ThumbnailKey& key, const RgbImage& image) {
  std::lock_guard<std::mutex> lock(m_mutex);
  if (auto it = m_map.find(key); it != m_map.end()) {
    m_bytes -= it->second->second.bytes();
    m_order.erase(it->second);
    m_map.erase(it);
  }
  if (image.bytes() > m_maxBytes) return;
  m_order.emplace_front(key, image);
  m_map[key] = m_order.begin();
  m_bytes += image.bytes();
  while (m_bytes > m_maxBytes && !m_order.empty()) {
    m_bytes -= m_order.back().second.bytes();
    m_map.erase(m_order.back().first);
    m_order.pop_back();
  }
}

void ThumbnailCache::clear() {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_order.clear();
  m_map.clear();
  m_bytes = 0;
}

std::size_t ThumbnailCache::bytes() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_bytes;
}

std::size_t ThumbnailCache::size() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_order.size();
}

}  // namespace sevila::media
