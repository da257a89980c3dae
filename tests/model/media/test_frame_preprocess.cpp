// Preprocessing (model/media/frame_preprocess.cpp): 224×224 swscale bilinear frames against the ffmpeg
// CLI's scale=224:224:flags=bilinear (the figures in docs/media.md come from this test's output),
// bicubic as an option, rotation, and CLIP normalisation.
#include <algorithm>

#include "media/frame_preprocess.h"
#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "media_test_util.h"

using namespace sevila::media;
using mediatest::dataFile;

namespace {

FrameReaderOptions options() {
  FrameReaderOptions o;
  o.index.diskCache = false;
  return o;
}

struct Stats {
  double minPsnr = INFINITY;
  int maxAbs = 0;
  double meanAbs = 0;
};

Stats compareModelFrames(const std::string& video, Interpolation interpolation, const std::string& flags) {
  mediatest::TempDir tmp;
  FrameReader reader(video, options());
  const auto indices = sampleFrameIndices(reader.index().frameCount(), 8, reader.info().fps);
  std::vector<int64_t> unique = indices;
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  const auto images = reader.read(unique, modelFrameFormat(interpolation));
  const auto cli = mediatest::cliFrames(video, unique, "scale=224:224:flags=" + flags, tmp);
  Stats s;
  if (cli.size() != unique.size() * 224 * 224 * 3) {
    CHECK_EQ(cli.size(), unique.size() * 224 * 224 * 3);
    return s;
  }
  for (std::size_t k = 0; k < images.size(); ++k) {
    CHECK_EQ(images[k].width, 224);
    CHECK_EQ(images[k].height, 224);
    const auto d = mediatest::compare(images[k], cli, k * 224 * 224 * 3);
    s.minPsnr = std::min(s.minPsnr, d.psnr);
    s.maxAbs = std::max(s.maxAbs, d.maxAbs);
    s.meanAbs += d.meanAbs / images.size();
  }
  std::printf("  %-28s %-8s vs CLI flags=%-8s: min PSNR %s dB, max |diff| %d, mean |diff| %.4f\n",
              video.substr(video.find_last_of('/') + 1).c_str(),
              interpolation == Interpolation::Bilinear ? "bilinear" : "bicubic", flags.c_str(),
              std::isinf(s.minPsnr) ? "inf (identical)" : std::to_string(s.minPsnr).c_str(), s.maxAbs,
              s.meanAbs);
  return s;
}

}  // namespace

TEST(model_frames_match_cli_bilinear) {
  REQUIRE_FFMPEG();
  for (const char* name :
       {"sage-example.mp4", "sage-example.webm", "sage-example.ogv", "sage-example.avi", "balle1-vp9.avi",
        "gtk-logo.webm", "Effet_force_magnetique.ogv", "kphotoalbum-movie.avi", "blue.mpg", "alea.mpg",
        "afl-small_movie.mp4", "mrpt-dummy_video.avi"}) {
    const Stats s = compareModelFrames(dataFile(name), Interpolation::Bilinear, "bilinear");
    CHECK(s.minPsnr >= 40);
  }
  // pens.mp4 is rotated: the CLI transposes before scaling, we after; both are bilinear.
  const Stats pens = compareModelFrames(dataFile("pens.mp4"), Interpolation::Bilinear, "bilinear");
  CHECK(pens.minPsnr >= 40);
}

TEST(model_frames_match_cli_bicubic) {
  REQUIRE_FFMPEG();
  for (const char* name : {"gtk-logo.webm", "kphotoalbum-movie.avi", "pens.mp4"}) {
    const Stats s = compareModelFrames(dataFile(name), Interpolation::Bicubic, "bicubic");
    CHECK(s.minPsnr >= 40);
  }
  // And bilinear really differs from bicubic (the option does something).
  const Stats cross = compareModelFrames(dataFile("gtk-logo.webm"), Interpolation::Bilinear, "bicubic");
  CHECK(cross.maxAbs > 0);
}

TEST(opencv_doc_model_frames_match_cli) {
  REQUIRE_FFMPEG();
  if (!mediatest::haveOpencvDoc("cup.mp4"))
    SKIP("opencv-doc videos not fetched (tests/model/media/fetch_opencv_doc_videos.sh)");
  for (const char* name : {"Megamind.avi", "vtest.avi", "tree.avi", "cup.mp4"}) {
    const Stats s = compareModelFrames(mediatest::opencvDocFile(name), Interpolation::Bilinear, "bilinear");
    CHECK(s.minPsnr >= 40);
  }
}

TEST(rotate_clockwise) {
  RgbImage img = RgbImage::allocate(3, 2);  // pixels numbered 0..5 row by row
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 3; ++x)
      for (int c = 0; c < 3; ++c) img.row(y)[3 * x + c] = static_cast<uint8_t>(10 * (3 * y + x) + c);
  const auto at = [](const RgbImage& i, int x, int y) { return i.row(y)[3 * x] / 10; };
  const RgbImage r90 = rotateClockwise(img, 90);
  REQUIRE(r90.width == 2 && r90.height == 3);
  // 0 1 2      3 0
  // 3 4 5  ->  4 1
  //            5 2
  CHECK_EQ(at(r90, 0, 0), 3);
  CHECK_EQ(at(r90, 1, 0), 0);
  CHECK_EQ(at(r90, 0, 2), 5);
  CHECK_EQ(at(r90, 1, 2), 2);
  const RgbImage r180 = rotateClockwise(img, 180);
  CHECK_EQ(at(r180, 0, 0), 5);
  CHECK_EQ(at(r180, 2, 1), 0);
  const RgbImage r270 = rotateClockwise(img, 270);
  REQUIRE(r270.width == 2 && r270.height == 3);
  CHECK_EQ(at(r270, 0, 0), 2);
  CHECK_EQ(at(r270, 1, 2), 3);
  CHECK_EQ(r90.row(0)[1], 31);  // channels travel together
  CHECK(*rotateClockwise(r90, 270).pixels == *img.pixels);
}

TEST(clip_normalisation) {
  RgbImage img = RgbImage::allocate(2, 1);
  const uint8_t px[6] = {0, 128, 255, 255, 0, 64};
  std::copy(px, px + 6, img.row(0));
  float out[6];
  normalizeClip(img, out);
  // CHW: out[c * 2 + x]
  CHECK_NEAR(out[0], (0.0f - 0.48145466f) / 0.26862954f, 1e-6);
  CHECK_NEAR(out[1], (1.0f - 0.48145466f) / 0.26862954f, 1e-6);
  CHECK_NEAR(out[2], (128 / 255.0f - 0.4578275f) / 0.26130258f, 1e-6);
  CHECK_NEAR(out[3], (0.0f - 0.4578275f) / 0.26130258f, 1e-6);
  CHECK_NEAR(out[4], (1.0f - 0.40821073f) / 0.27577711f, 1e-6);
  CHECK_NEAR(out[5], (64 / 255.0f - 0.40821073f) / 0.27577711f, 1e-6);
}

TEST(fit_within_keeps_aspect) {
  int w = 0, h = 0;
  fitWithin(1920, 1080, 160, 160, w, h);
  CHECK_EQ(w, 160);
  CHECK_EQ(h, 90);
  fitWithin(144, 176, 100, 100, w, h);
  CHECK_EQ(w, 82);
  CHECK_EQ(h, 100);
}

MINITEST_MAIN
