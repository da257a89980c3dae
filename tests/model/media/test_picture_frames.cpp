// A video handed over as pictures: frames a client decoded at the model's size come back bit for bit,
// other sizes go through the same scaler as video frames, every hostile picture is refused with its
// reason before it can cost memory, and the content key follows the pictures and their times.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>

#include "core/error.h"
#include "media/frame_reader.h"
#include "media/picture_frames.h"
#include "media_test_util.h"

using namespace sevila::media;

namespace {

std::string encode(const RgbImage& image, const std::string& extension) {
  cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.row(0)),
              static_cast<size_t>(image.stride));
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  std::vector<uint8_t> bytes;
  cv::imencode(extension, bgr, bytes);
  return std::string(bytes.begin(), bytes.end());
}

bool samePixels(const RgbImage& a, const RgbImage& b) {
  if (a.width != b.width || a.height != b.height) return false;
  for (int y = 0; y < a.height; ++y)
    if (std::memcmp(a.row(y), b.row(y), static_cast<size_t>(3) * a.width) != 0) return false;
  return true;
}

std::string refusal(std::vector<Picture> pictures, PictureLimits limits = {}) {
  try {
    PictureFrames frames("upload", std::move(pictures), limits);
  } catch (const sevila::Error& e) {
    return e.what();
  }
  return "accepted";
}

RgbImage flat(int width, int height, uint8_t r, uint8_t g, uint8_t b) {
  RgbImage image = RgbImage::allocate(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      image.row(y)[3 * x] = r;
      image.row(y)[3 * x + 1] = g;
      image.row(y)[3 * x + 2] = b;
    }
  return image;
}

}  // namespace

TEST(frames_at_the_model_size_arrive_bit_for_bit) {
  FrameReader reader(mediatest::dataFile("pens.mp4"));
  const std::vector<int64_t> grid = {3, 20, 41, 63};
  const FrameFormat format = modelFrameFormat();
  const auto decoded = reader.read(grid, format);
  std::vector<Picture> pictures;
  for (const auto& image : decoded) pictures.push_back({encode(image, ".png"), image.seconds});
  PictureFrames frames("pens.mp4", pictures);
  CHECK_EQ(frames.info().frameCount, int64_t(4));
  CHECK_EQ(frames.info().width, 224);
  CHECK_EQ(frames.index().seconds.size(), size_t(4));
  CHECK_EQ(frames.index().seconds[2], decoded[2].seconds);
  const auto back = frames.read({2, 0, 2}, format);
  CHECK(samePixels(back[0], decoded[2]) && samePixels(back[1], decoded[0]) &&
        samePixels(back[2], decoded[2]));
  CHECK_EQ(back[0].frameIndex, int64_t(2));
  CHECK_EQ(back[0].seconds, decoded[2].seconds);
  bool outside = false;
  try {
    frames.read({4}, format);
  } catch (const sevila::Error& e) {
    outside = std::string(e.what()).find("outside the 4 pictures") != std::string::npos;
  }
  CHECK(outside);
}

TEST(other_sizes_are_scaled_like_video_frames) {
  // A flat 64 x 48 JPEG scaled to 28 x 28 stays flat (JPEG keeps a flat colour within a step or two).
  const std::string jpeg = encode(flat(64, 48, 200, 100, 50), ".jpg");
  int w = 0, h = 0;
  REQUIRE(pictureSize(jpeg, w, h));
  CHECK(w == 64 && h == 48);
  PictureFrames frames("flat", {{jpeg, 0.0}, {jpeg, 0.5}});
  CHECK_EQ(frames.info().fps, 2.0);
  const RgbImage small = frames.read({1}, FrameFormat{28, 28, Interpolation::Bilinear, true}).front();
  CHECK(small.width == 28 && small.height == 28);
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x) {
      CHECK(std::abs(small.row(y)[3 * x] - 200) <= 3);
      CHECK(std::abs(small.row(y)[3 * x + 1] - 100) <= 3);
      CHECK(std::abs(small.row(y)[3 * x + 2] - 50) <= 3);
    }
  const RgbImage own = frames.read({0}, FrameFormat{}).front();  // 0 x 0: the picture's own size
  CHECK(own.width == 64 && own.height == 48);
}

TEST(the_content_key_follows_pictures_and_times) {
  const std::string a = encode(flat(16, 16, 1, 2, 3), ".png"), b = encode(flat(16, 16, 1, 2, 4), ".png");
  const std::string key = PictureFrames("x", {{a, 0}, {b, 1}}).index().contentKey;
  CHECK_EQ(key.rfind("pictures-", 0), size_t(0));
  CHECK_EQ(PictureFrames("renamed", {{a, 0}, {b, 1}}).index().contentKey, key);
  CHECK(PictureFrames("x", {{a, 0}, {a, 1}}).index().contentKey != key);
  CHECK(PictureFrames("x", {{a, 0}, {b, 2}}).index().contentKey != key);
  CHECK(PictureFrames("x", {{b, 0}, {a, 1}}).index().contentKey != key);
}

TEST(hostile_pictures_are_refused_with_their_reason) {
  const std::string png = encode(flat(16, 16, 9, 9, 9), ".png");
  CHECK(refusal({}).find("no pictures") != std::string::npos);
  CHECK(refusal({{"#!/bin/sh\nrm -rf ~\n", 0}}).find("not a JPEG or PNG") != std::string::npos);
  CHECK(refusal({{png.substr(0, 20), 0}}).find("not a JPEG or PNG") != std::string::npos);  // header cut
  // A PNG claiming 60000 x 60000 pixels (10.8 GB decoded) is refused from its header.
  std::string bomb = png;
  for (size_t at : {16u, 20u}) {
    const uint32_t side = 60000;
    for (int i = 0; i < 4; ++i) bomb[at + i] = static_cast<char>((side >> (24 - 8 * i)) & 0xff);
  }
  CHECK(refusal({{bomb, 0}}).find("60000x60000 pixels") != std::string::npos);
  // The same for a JPEG's frame header.
  std::string jpegBomb = encode(flat(16, 16, 9, 9, 9), ".jpg");
  int w = 0, h = 0;
  REQUIRE(pictureSize(jpegBomb, w, h));
  const size_t sof = jpegBomb.find("\xff\xc0");
  REQUIRE(sof != std::string::npos);
  jpegBomb[sof + 5] = jpegBomb[sof + 7] = static_cast<char>(0xea);  // 0xea10 = 59920
  CHECK(refusal({{jpegBomb, 0}}).find("59920x59920 pixels") != std::string::npos);
  // A sound header over a damaged body: refused when decoded, never a crash.
  std::string broken = png;
  for (size_t i = 40; i < broken.size(); ++i) broken[i] = static_cast<char>(0x5a);
  CHECK(refusal({{broken, 0}}).find("cannot decode") != std::string::npos);
  CHECK(refusal({{png, 1}, {png, 1}}).find("times must increase") != std::string::npos);
  CHECK(refusal({{png, -1}}).find(">= 0") != std::string::npos);
  CHECK(refusal({{png, std::nan("")}}).find("finite") != std::string::npos);
  CHECK(refusal({{png, 0}, {png, 1}, {png, 2}}, PictureLimits{2, 4096}).find("at most 2") !=
        std::string::npos);
  CHECK(refusal({{png, 0}}, PictureLimits{8, 8}).find("16x16 pixels; at most 8") != std::string::npos);
  CHECK_EQ(refusal({{png, 0}}), std::string("accepted"));
}

MINITEST_MAIN
