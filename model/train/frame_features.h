// The frozen ViT's output for training: any frames of any video, from the feature cache when they were
// encoded before (by an earlier epoch, run or question), otherwise decoded and encoded once and stored.
// So across epochs the ViT never reruns (docs/method.md §8: the ViT is frozen; only its output is needed).
// Keeps a few videos open (least recently used) so that consecutive examples of one video share a
// decoder. One thread at a time.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "engine/cancel_token.h"
#include "engine/feature_cache.h"
#include "media/frame_preprocess.h"
#include "nn/blip2_model.h"

namespace sevila::media {
class FrameReader;
}
namespace sevila::engine {
class VisionFeatures;
}

namespace sevila::train {

struct VideoFacts {
  int64_t frameCount = 0;
  double fps = 0;
};

class FrameFeatures {
public:
  FrameFeatures(nn::Blip2Model model, std::shared_ptr<engine::FeatureCache> cache, int batch = 32,
                media::Interpolation interpolation = media::Interpolation::Bilinear);
  ~FrameFeatures();

  VideoFacts facts(const std::string& videoPath);
  // (T, N, W) on the model's device, in the order asked.
  at::Tensor forFrames(const std::string& videoPath, const std::vector<int64_t>& indices,
                       const engine::CancelToken* cancel = nullptr);

  int64_t framesEncoded() const;  // frames that ran through the ViT
  int64_t framesFromCache() const;

private:
  media::FrameReader& reader(const std::string& videoPath);

  std::unique_ptr<engine::VisionFeatures> m_vision;
  int m_batch;
  struct Open {
    std::string path;
    std::unique_ptr<media::FrameReader> reader;
  };
  std::list<Open> m_open;  // most recent first
};

}  // namespace sevila::train
