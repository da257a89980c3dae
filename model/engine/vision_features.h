// The ViT box of Figure 2 for whole videos: the encoder output (T, N, W) of any set of frames, taken
// from the feature cache when present and otherwise decoded, preprocessed and encoded in batches (then
// stored). Repeated indices (short clips) are encoded once. Both roles start from these features.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "engine/cancel_token.h"
#include "engine/feature_cache.h"
#include "media/frame_preprocess.h"
#include "nn/blip2_model.h"

namespace sevila::media {
class FrameSource;
}

namespace sevila::engine {

struct VisionFeatureStats {
  int64_t encoded = 0;     // frames that ran through the ViT
  int64_t cached = 0;      // frames served from the cache
  int64_t notStored = 0;   // encoded frames the cache could not keep (full or read-only disk)
  std::string storeError;  // why, the last time
};

class VisionFeatures {
public:
  // `cache` may be null (no caching). The fingerprint names the vision weights in cache keys.
  VisionFeatures(nn::Blip2Model model, std::shared_ptr<FeatureCache> cache,
                 media::Interpolation interpolation = media::Interpolation::Bilinear);

  // Encoder outputs for `indices` of the source's frames, in the order asked: (T, N, W) on the model's
  // device and dtype. `batch` frames per ViT call. Progress goes from 0 to 1.
  at::Tensor forFrames(media::FrameSource& reader, const std::vector<int64_t>& indices, int batch,
                       const CancelToken* cancel = nullptr, const std::function<void(double)>& progress = {});

  const std::string& fingerprint() const { return m_fingerprint; }
  std::string preprocessingKey() const;    // e.g. "224-bilinear-f32"
  int64_t imageSize() const;               // the ViT's input size (config vision.image_size)
  media::FrameFormat frameFormat() const;  // what the frames are decoded to: imageSize() square
  FeatureKey keyFor(const std::string& videoKey, int64_t frameIndex) const;  // the cache's key of a frame
  const std::shared_ptr<FeatureCache>& cache() const { return m_cache; }
  const VisionFeatureStats& stats() const { return m_stats; }

private:
  nn::Blip2Model m_model;
  std::shared_ptr<FeatureCache> m_cache;
  media::Interpolation m_interpolation;
  std::string m_fingerprint;
  VisionFeatureStats m_stats;
};

// A fingerprint of the vision encoder's weights: sizes, dtype and a hash of a strided sample of every
// parameter (cheap even for ViT-g, and different for any real change of weights).
std::string visionFingerprint(nn::Blip2Model& model);

}  // namespace sevila::engine
