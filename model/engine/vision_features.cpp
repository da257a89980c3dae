#include "engine/vision_features.h"

#include <algorithm>
#include <map>

#include <torch/torch.h>

#include "media/frame_source.h"
#include "media/frame_tensor.h"
#include "nn/device.h"
#include "nn/pixel_normalization.h"

namespace sevila::engine {

std::string visionFingerprint(nn::Blip2Model& model) {
  std::string summary;
  for (const auto& p : model->vision_model->named_parameters()) {
    const at::Tensor flat = p.value().detach().reshape({-1});
    const int64_t n = flat.numel();
    const int64_t stride = std::max<int64_t>(1, n / 4096);
    const at::Tensor sample = flat.slice(0, 0, n, stride).to(torch::kCPU, torch::kFloat).contiguous();
    summary +=
        p.key() + ":" + std::to_string(n) + ":" + fnv1a64Hex(sample.data_ptr(), sample.numel() * 4) + ";";
  }
  summary += c10::toString(model->dtype());
  if (model->weightDtype() != model->dtype())
    summary += std::string("/") + c10::toString(model->weightDtype());
  return fnv1a64Hex(summary.data(), summary.size());
}

VisionFeatures::VisionFeatures(nn::Blip2Model model, std::shared_ptr<FeatureCache> cache,
                               media::Interpolation interpolation)
    : m_model(std::move(model)), m_cache(std::move(cache)), m_interpolation(interpolation) {
  m_fingerprint = visionFingerprint(m_model);
}

int64_t VisionFeatures::imageSize() const {
  return m_model->config().vision.image_size;
}

std::string VisionFeatures::preprocessingKey() const {
  return std::to_string(imageSize()) + "-" +
         (m_interpolation == media::Interpolation::Bilinear ? "bilinear" : "bicubic") + "-" +
         nn::dtypeName(m_model->dtype());
}

media::FrameFormat VisionFeatures::frameFormat() const {
  // The model's own input size: 224 for BLIP-2, smaller for the tiny test and demo models.
  return media::FrameFormat{static_cast<int>(imageSize()), static_cast<int>(imageSize()), m_interpolation,
                            true};
}

FeatureKey VisionFeatures::keyFor(const std::string& videoKey, int64_t frameIndex) const {
  return FeatureKey{videoKey, frameIndex, m_fingerprint, preprocessingKey()};
}

at::Tensor VisionFeatures::forFrames(media::FrameSource& reader, const std::vector<int64_t>& indices,
                                     int batch, const CancelToken* cancel,
                                     const std::function<void(double)>& progress) {
  torch::NoGradGuard noGrad;
  if (indices.empty()) throw Error(reader.info().path, "no frames to encode");
  batch = std::max(1, batch);
  std::vector<int64_t> unique = indices;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());

  const std::string videoKey = reader.index().contentKey;
  std::map<int64_t, at::Tensor> features;
  std::vector<int64_t> missing;
  for (int64_t index : unique) {
    std::optional<at::Tensor> hit;
    if (m_cache) hit = m_cache->load(keyFor(videoKey, index));
    if (hit) {
      features[index] = hit->to(m_model->device(), m_model->dtype());
      ++m_stats.cached;
    } else {
      missing.push_back(index);
    }
  }

  for (size_t begin = 0; begin < missing.size(); begin += batch) {
    if (cancel) cancel->throwIfCancelled();
    const size_t end = std::min(missing.size(), begin + static_cast<size_t>(batch));
    const std::vector<int64_t> chunk(missing.begin() + begin, missing.begin() + end);
    const auto images = reader.read(chunk, frameFormat());
    // A GPU gets bytes (a quarter of the floats) from pinned memory and normalises them itself.
    const c10::Device device = m_model->device();
    const at::Tensor pixels =
        (device.is_cuda() ? nn::normalizePixelBytes(media::imagesToBytes(images, true).to(device, true))
                          : media::imagesToTensor(images))
            .to(device, m_model->dtype());                     // (B,3,S,S)
    const at::Tensor encoded = m_model->encodeFrames(pixels);  // (B,N,W)
    for (size_t i = 0; i < chunk.size(); ++i) {
      features[chunk[i]] = encoded[static_cast<int64_t>(i)];
      if (m_cache && !m_cache->store(keyFor(videoKey, chunk[i]), encoded[static_cast<int64_t>(i)])) {
        ++m_stats.notStored;
        m_stats.storeError = m_cache->lastStoreError();
      }
    }
    m_stats.encoded += static_cast<int64_t>(chunk.size());
    if (progress) progress(static_cast<double>(end) / static_cast<double>(missing.size()));
  }
  if (progress) progress(1.0);

  std::vector<at::Tensor> ordered;
  ordered.reserve(indices.size());
  for (int64_t index : indices) ordered.push_back(features.at(index));
  return torch::stack(ordered);  // (T, N, W)
}

}  // namespace sevila::engine
