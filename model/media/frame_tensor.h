// The Localizer's and Answerer's visual input: n sampled frames of a video as a [T, 3, 224, 224]
// float tensor, normalised with CLIP's mean and std (docs/method.md §2). This header exposes a tensor:
// keep it out of GUI translation units (they use frame_reader.h / playback_service.h).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/frame_preprocess.h"
#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "media/video_info.h"

namespace sevila::media {

struct VideoFramesOptions {
  int numFrames = 32;              // n; the video gives n' = min(n, frame count)
  std::optional<ClipWindow> clip;  // seconds; the whole video without one
  bool randomInInterval = false;   // training sampling
  uint64_t seed = 0;               // for randomInInterval
  Interpolation interpolation = Interpolation::Bilinear;
  FrameReaderOptions reader;
};

struct VideoFrames {
  at::Tensor pixels;             // (T, 3, 224, 224) float32, CLIP-normalised
  std::vector<int64_t> indices;  // T sampled frame indices
  std::vector<double> seconds;   // their timestamps
  VideoInfo info;
  std::vector<std::string> warnings;
};

// Samples, decodes and normalises; throws sevila::Error for bad input.
VideoFrames loadVideoFrames(const std::string& path, const VideoFramesOptions& options = {});

// (T, 3, H, W) float32 CLIP-normalised tensor of equally sized RGB images.
at::Tensor imagesToTensor(const std::vector<RgbImage>& images);

// For a GPU: the images as (T, H, W, 3) bytes, a quarter of imagesToTensor's size to copy, in pinned
// host memory when asked (an asynchronous copy); nn::normalizePixelBytes then normalises them where they
// are: normalizePixelBytes(imagesToBytes(x)) equals imagesToTensor(x).
at::Tensor imagesToBytes(const std::vector<RgbImage>& images, bool pinned = false);

}  // namespace sevila::media
