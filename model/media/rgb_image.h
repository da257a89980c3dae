// An 8-bit RGB picture handed to the GUI, the CLI and the preprocessing: plain data, no FFmpeg or Qt.
// Pixels are shared (copying the struct does not copy them); rows are `stride` bytes apart.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace sevila::media {

struct RgbImage {
  int width = 0;
  int height = 0;
  int stride = 0;  // bytes per row, >= 3 * width
  std::shared_ptr<std::vector<uint8_t>> pixels;
  int64_t frameIndex = -1;  // which decoded frame this is (presentation order), -1 when unknown
  double seconds = 0;       // its presentation time

  bool empty() const { return !pixels || width <= 0 || height <= 0; }
  const uint8_t* row(int y) const { return pixels->data() + static_cast<std::size_t>(y) * stride; }
  uint8_t* row(int y) { return pixels->data() + static_cast<std::size_t>(y) * stride; }
  std::size_t bytes() const { return pixels ? pixels->size() : 0; }

  static RgbImage allocate(int width, int height) {
    RgbImage image;
    image.width = width;
    image.height = height;
    image.stride = 3 * width;
    image.pixels = std::make_shared<std::vector<uint8_t>>(static_cast<std::size_t>(image.stride) * height);
    return image;
  }
};

}  // namespace sevila::media
