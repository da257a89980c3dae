#include "media/frame_tensor.h"

#include <ATen/ATen.h>

#include <cstring>
#include <random>

#include "core/error.h"

namespace sevila::media {

at::Tensor imagesToTensor(const std::vector<RgbImage>& images) {
  if (images.empty()) return at::empty({0, 3, kModelImageSize, kModelImageSize}, at::kFloat);
  const int h = images.front().height, w = images.front().width;
  at::Tensor out = at::empty({static_cast<int64_t>(images.size()), 3, h, w}, at::kFloat);
  float* data = out.data_ptr<float>();
  const std::size_t per = static_cast<std::size_t>(3) * h * w;
  for (std::size_t t = 0; t < images.size(); ++t) {
    if (images[t].width != w || images[t].height != h)
      throw Error("frame tensor", "frames of different sizes cannot form one tensor");
    normalizeClip(images[t], data + t * per);
  }
  return out;
}

at::Tensor imagesToBytes(const std::vector<RgbImage>& images, bool pinned) {
  const int h = images.empty() ? 0 : images.front().height, w = images.empty() ? 0 : images.front().width;
  at::Tensor out = at::empty({static_cast<int64_t>(images.size()), h, w, 3}, at::kByte);
  if (pinned) out = out.pin_memory();
  uint8_t* data = out.data_ptr<uint8_t>();
  const std::size_t row = static_cast<std::size_t>(3) * w;
  for (std::size_t t = 0; t < images.size(); ++t) {
    if (images[t].width != w || images[t].height != h)
      throw Error("frame tensor", "frames of different sizes cannot form one tensor");
    for (int y = 0; y < h; ++y) std::memcpy(data + (t * h + y) * row, images[t].row(y), row);
  }
  return out;
}

VideoFrames loadVideoFrames(const std::string& path, const VideoFramesOptions& options) {
  FrameReader reader(path, options.reader);
  VideoFrames result;
  result.info = reader.info();
  const int64_t vlen = reader.index().frameCount();
  if (options.randomInInterval) {
    std::mt19937_64 rng(options.seed);
    result.indices = sampleFrameIndicesRandom(vlen, options.numFrames, result.info.fps, rng, options.clip);
  } else {
    result.indices = sampleFrameIndices(vlen, options.numFrames, result.info.fps, options.clip);
  }
  const auto images = reader.read(result.indices, modelFrameFormat(options.interpolation));
  for (const auto& image : images) result.seconds.push_back(image.seconds);
  result.pixels = imagesToTensor(images);
  result.warnings = reader.warnings();
  if (vlen < options.numFrames)
    result.warnings.push_back("the video has " + std::to_string(vlen) + " frames, fewer than the " +
                              std::to_string(options.numFrames) + " asked: using all " +
                              std::to_string(vlen));
  return result;
}

}  // namespace sevila::media
