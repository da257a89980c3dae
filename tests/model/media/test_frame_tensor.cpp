// The model's visual input (model/media/frame_tensor.cpp): [T, 3, 224, 224] CLIP-normalised frames at
// the sampled indices.
#include <ATen/ATen.h>

#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "media/frame_tensor.h"
#include "nn/pixel_normalization.h"
#include "media_test_util.h"

using namespace sevila::media;
using mediatest::dataFile;

TEST(tensor_shape_indices_and_values) {
  VideoFramesOptions o;
  o.numFrames = 32;
  o.reader.index.diskCache = false;
  const VideoFrames v = loadVideoFrames(dataFile("pens.mp4"), o);
  REQUIRE(v.pixels.defined());
  CHECK(v.pixels.sizes() == at::IntArrayRef({32, 3, 224, 224}));
  CHECK(v.pixels.scalar_type() == at::kFloat);
  CHECK(v.indices == sampleFrameIndices(64, 32, v.info.fps));
  CHECK_EQ(v.info.frameCount, 64);
  for (std::size_t i = 1; i < v.seconds.size(); ++i) CHECK(v.seconds[i] > v.seconds[i - 1]);

  FrameReaderOptions r;
  r.index.diskCache = false;
  FrameReader reader(dataFile("pens.mp4"), r);
  const RgbImage img = reader.read(v.indices[5], modelFrameFormat());
  const float* t = v.pixels[5].data_ptr<float>();
  for (int c = 0; c < 3; ++c)
    for (int y : {0, 100, 223})
      for (int x : {0, 57, 223}) {
        const float expect = (img.row(y)[3 * x + c] / 255.0f - kClipMean[c]) / kClipStd[c];
        CHECK_NEAR(t[c * 224 * 224 + y * 224 + x], expect, 1e-6);
      }
}

TEST(bytes_normalised_where_they_are_equal_the_float_tensor) {
  FrameReaderOptions r;
  r.index.diskCache = false;
  FrameReader reader(dataFile("pens.mp4"), r);
  const auto images = reader.read({3, 30, 60}, modelFrameFormat());
  const at::Tensor bytes = imagesToBytes(images);
  CHECK(bytes.sizes() == at::IntArrayRef({3, 224, 224, 3}));
  CHECK(bytes.scalar_type() == at::kByte);
  CHECK_EQ(bytes[1][100][57][2].item<int>(), int(images[1].row(100)[3 * 57 + 2]));
  // The same float32 arithmetic: equal bit for bit, not merely close.
  CHECK(at::equal(sevila::nn::normalizePixelBytes(bytes), imagesToTensor(images)));
  std::vector<RgbImage> mixed = {images[0], RgbImage::allocate(16, 16)};
  CHECK_THROWS_WITH(imagesToBytes(mixed), "different sizes");
}

TEST(short_video_gives_fewer_frames_with_a_warning) {
  VideoFramesOptions o;
  o.numFrames = 32;
  o.reader.index.diskCache = false;
  const VideoFrames v = loadVideoFrames(dataFile("sage-example.mkv"), o);
  CHECK(v.pixels.sizes() == at::IntArrayRef({2, 3, 224, 224}));
  CHECK(v.indices == std::vector<int64_t>({0, 1}));
  bool warned = false;
  for (const auto& w : v.warnings) warned |= w.find("fewer than the 32 asked") != std::string::npos;
  CHECK(warned);
}

TEST(clip_and_random_sampling) {
  VideoFramesOptions o;
  o.numFrames = 4;
  o.clip = ClipWindow{1.0, 2.0};
  o.reader.index.diskCache = false;
  const VideoFrames mid = loadVideoFrames(dataFile("gtk-logo.webm"), o);
  CHECK(mid.indices == sampleFrameIndices(140, 4, mid.info.fps, ClipWindow{1.0, 2.0}));
  o.randomInInterval = true;
  o.seed = 9;
  const VideoFrames r1 = loadVideoFrames(dataFile("gtk-logo.webm"), o);
  const VideoFrames r2 = loadVideoFrames(dataFile("gtk-logo.webm"), o);
  CHECK(r1.indices == r2.indices);
  CHECK(at::equal(r1.pixels, r2.pixels));
  for (int64_t i : r1.indices) CHECK(i >= 30 && i < 60);
}

TEST(bad_file_error_names_it) {
  CHECK_THROWS_WITH(loadVideoFrames("/no/such/video.mp4"), "/no/such/video.mp4: no such file");
}

MINITEST_MAIN
