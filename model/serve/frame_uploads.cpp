#include "serve/frame_uploads.h"

#include "media/picture_frames.h"

namespace sevila::serve {

std::string frameSetId(const media::PictureFrames& frames) {
  const std::string& key = frames.index().contentKey;
  const size_t dash = key.rfind('-');
  return dash == std::string::npos ? key : key.substr(dash + 1);
}

std::string FrameUploads::add(std::shared_ptr<media::PictureFrames> frames) {
  const std::string id = frameSetId(*frames);
  std::lock_guard<std::mutex> lock(m_mutex);
  for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
    if (it->id == id) {
      m_entries.splice(m_entries.begin(), m_entries, it);
      return id;
    }
  m_bytes += frames->bytes();
  m_entries.push_front(Entry{id, std::move(frames)});
  // Evict from the back, never the set just added (a set larger than the budget lives until the next).
  while (m_bytes > m_budget && m_entries.size() > 1) {
    m_bytes -= m_entries.back().frames->bytes();
    m_entries.pop_back();
  }
  return id;
}

std::shared_ptr<media::PictureFrames> FrameUploads::find(const std::string& id) {
  std::lock_guard<std::mutex> lock(m_mutex);
  for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
    if (it->id == id) {
      m_entries.splice(m_entries.begin(), m_entries, it);
      return it->frames;
    }
  return nullptr;
}

size_t FrameUploads::bytes() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_bytes;
}

size_t FrameUploads::count() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_entries.size();
}

}  // namespace sevila::serve
