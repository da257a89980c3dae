#include "train/frame_features.h"

#include <torch/torch.h>

#include "engine/vision_features.h"
#include "media/frame_reader.h"

namespace sevila::train {
namespace {
constexpr size_t kOpenVideos = 4;  // decoders kept open; each holds little beyond its index
}

FrameFeatures::FrameFeatures(nn::Blip2Model model, std::shared_ptr<engine::FeatureCache> cache, int batch,
                             media::Interpolation interpolation)
    : m_vision(std::make_unique<engine::VisionFeatures>(std::move(model), std::move(cache), interpolation)),
      m_batch(batch) {}

FrameFeatures::~FrameFeatures() = default;

media::FrameReader& FrameFeatures::reader(const std::string& videoPath) {
  for (auto it = m_open.begin(); it != m_open.end(); ++it) {
    if (it->path != videoPath) continue;
    m_open.splice(m_open.begin(), m_open, it);
    return *m_open.front().reader;
  }
  m_open.push_front(Open{videoPath, std::make_unique<media::FrameReader>(videoPath)});
  if (m_open.size() > kOpenVideos) m_open.pop_back();
  return *m_open.front().reader;
}

VideoFacts FrameFeatures::facts(const std::string& videoPath) {
  const auto& info = reader(videoPath).info();
  return VideoFacts{info.frameCount, info.fps};
}

at::Tensor FrameFeatures::forFrames(const std::string& videoPath, const std::vector<int64_t>& indices,
                                    const engine::CancelToken* cancel) {
  return m_vision->forFrames(reader(videoPath), indices, m_batch, cancel);
}

int64_t FrameFeatures::framesEncoded() const {
  return m_vision->stats().encoded;
}
int64_t FrameFeatures::framesFromCache() const {
  return m_vision->stats().cached;
}

}  // namespace sevila::train
