// The frame sets clients uploaded (POST /v1/frames), kept in memory by id up to a byte budget of
// encoded pictures; the least recently used set goes first. The id is the set's SHA-256 content key,
// so the same pictures uploaded twice are kept once and find their cached vision features again.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>

namespace sevila::media {
class PictureFrames;
}

namespace sevila::serve {

class FrameUploads {
public:
  explicit FrameUploads(size_t budgetBytes) : m_budget(budgetBytes) {}

  // Keeps the set (evicting older ones past the budget) and returns its id (64 hex digits).
  std::string add(std::shared_ptr<media::PictureFrames> frames);
  // The set, or null when the id is unknown or was evicted (the client uploads it again).
  std::shared_ptr<media::PictureFrames> find(const std::string& id);

  size_t bytes() const;
  size_t count() const;

private:
  struct Entry {
    std::string id;
    std::shared_ptr<media::PictureFrames> frames;
  };
  mutable std::mutex m_mutex;
  std::list<Entry> m_entries;  // most recently used first
  size_t m_bytes = 0;
  size_t m_budget;
};

// The id of a set: its content key without the "pictures-" prefix.
std::string frameSetId(const media::PictureFrames& frames);

}  // namespace sevila::serve
