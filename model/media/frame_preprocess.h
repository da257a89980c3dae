// From a decoded picture to what the model sees (docs/method.md §2): scaled directly to 224×224 (aspect ratio
// not kept) by swscale with SWS_BILINEAR, as the reference's decoder (decord → FFmpeg 4.x "scale=224:224")
// did, bicubic as an option; 8-bit RGB; rotation metadata applied; then /255 and CLIP's mean and std.
// The colour conversion follows FFmpeg's scale filter: the frame's matrix (BT.601 when unspecified)
// and range. Rotation is applied to the decoded planes before scaling, as the ffmpeg CLI's autorotation
// does (formats whose planes cannot be turned that way are turned after conversion to RGB).
#pragma once

#include <cstdint>
#include <memory>

#include "media/rgb_image.h"

struct AVFrame;

namespace sevila::media {

enum class Interpolation { Bilinear, Bicubic };

constexpr int kModelImageSize = 224;
constexpr float kClipMean[3] = {0.48145466f, 0.4578275f, 0.40821073f};
constexpr float kClipStd[3] = {0.26862954f, 0.26130258f, 0.27577711f};

struct FrameFormat {
  int width = 0;  // output size in display orientation; 0 = the picture's own (rotated) size
  int height = 0;
  Interpolation interpolation = Interpolation::Bilinear;
  bool applyRotation = true;
};

// 224×224 RGB, as the model gets it before normalisation.
inline FrameFormat modelFrameFormat(Interpolation interpolation = Interpolation::Bilinear) {
  return FrameFormat{kModelImageSize, kModelImageSize, interpolation, true};
}

// The largest size within maxWidth×maxHeight with the aspect ratio of width×height (thumbnails).
void fitWithin(int width, int height, int maxWidth, int maxHeight, int& outWidth, int& outHeight);

// Converts decoded pictures to RgbImage; keeps its swscale context between calls of the same shape.
class FrameConverter {
public:
  FrameConverter(FrameFormat format, int rotation);
  ~FrameConverter();
  FrameConverter(const FrameConverter&) = delete;
  FrameConverter& operator=(const FrameConverter&) = delete;

  RgbImage convert(const AVFrame* frame);

private:
  struct Impl;
  std::unique_ptr<Impl> d;
};

// Rotates an RGB image clockwise by 0, 90, 180 or 270 degrees.
RgbImage rotateClockwise(const RgbImage& image, int degrees);

// Writes (x/255 - mean[c]) / std[c] as 3 planes of height×width floats (CHW) into `out`.
void normalizeClip(const RgbImage& image, float* out);

}  // namespace sevila::media
