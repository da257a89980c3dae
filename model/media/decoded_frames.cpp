#include "media/decoded_frames.h"

#include <algorithm>

namespace sevila::media {
namespace {

bool sameFormat(const FrameFormat& a, const FrameFormat& b) {
  return a.width == b.width && a.height == b.height && a.interpolation == b.interpolation &&
         a.applyRotation == b.applyRotation;
}

}  // namespace

DecodedFrames::DecodedFrames(std::unique_ptr<FrameSource> source, const std::vector<int64_t>& indices,
                             FrameFormat format)
    : m_source(std::move(source)), m_format(format) {
  std::vector<int64_t> unique = indices;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  if (unique.empty()) return;
  const std::vector<RgbImage> images = m_source->read(unique, m_format);
  for (size_t i = 0; i < unique.size(); ++i) m_frames.emplace(unique[i], images[i]);
}

std::vector<RgbImage> DecodedFrames::read(const std::vector<int64_t>& indices, const FrameFormat& format) {
  const bool ahead = sameFormat(format, m_format);
  std::vector<RgbImage> out(indices.size());
  std::vector<int64_t> later;  // what the video still has to give, in the order asked
  std::vector<size_t> laterAt;
  for (size_t i = 0; i < indices.size(); ++i) {
    const auto it = ahead ? m_frames.find(indices[i]) : m_frames.end();
    if (it != m_frames.end()) {
      out[i] = it->second;
    } else {
      later.push_back(indices[i]);
      laterAt.push_back(i);
    }
  }
  if (!later.empty()) {
    std::vector<RgbImage> images = m_source->read(later, format);
    for (size_t j = 0; j < later.size(); ++j) out[laterAt[j]] = std::move(images[j]);
    m_readLater += static_cast<int64_t>(later.size());
  }
  return out;
}

}  // namespace sevila::media
