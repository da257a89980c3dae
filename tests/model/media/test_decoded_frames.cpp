// Frames decoded ahead: what was decoded comes from memory bit for bit as the video gives it; any other
// frame or format is read from the video, so a plan that missed something costs time, not correctness.
#include <cstring>
#include <memory>

#include "core/error.h"
#include "media/decoded_frames.h"
#include "media/frame_reader.h"
#include "media_test_util.h"

using namespace sevila::media;

namespace {

bool samePixels(const RgbImage& a, const RgbImage& b) {
  if (a.width != b.width || a.height != b.height) return false;
  for (int y = 0; y < a.height; ++y)
    if (std::memcmp(a.row(y), b.row(y), static_cast<size_t>(3) * a.width) != 0) return false;
  return true;
}

const FrameFormat kModel{32, 32, Interpolation::Bilinear, true};

}  // namespace

TEST(framesDecodedAheadAreServedFromMemoryAsTheVideoGivesThem) {
  const std::string path = mediatest::dataFile("pens.mp4");
  DecodedFrames ahead(std::make_unique<FrameReader>(path), {41, 3, 20, 3}, kModel);
  CHECK_EQ(ahead.decodedAhead(), int64_t(3));  // repeats decoded once
  FrameReader video(path);
  CHECK_EQ(ahead.info().frameCount, video.info().frameCount);
  CHECK_EQ(ahead.index().contentKey, video.index().contentKey);  // the feature cache's key is the video's
  const std::vector<int64_t> asked = {20, 3, 41, 20};            // any order, repeats
  const auto got = ahead.read(asked, kModel);
  const auto want = video.read(asked, kModel);
  REQUIRE(got.size() == 4);
  for (size_t i = 0; i < got.size(); ++i) {
    CHECK(samePixels(got[i], want[i]));
    CHECK_EQ(got[i].frameIndex, asked[i]);
  }
  CHECK_EQ(ahead.readLater(), int64_t(0));  // nothing read from the video since
}

TEST(otherFramesAndFormatsAreReadFromTheVideo) {
  const std::string path = mediatest::dataFile("pens.mp4");
  DecodedFrames ahead(std::make_unique<FrameReader>(path), {3, 20}, kModel);
  FrameReader video(path);
  // 3 from memory, 50 from the video, in the order asked.
  const auto mixed = ahead.read({50, 3}, kModel);
  const auto want = video.read({50, 3}, kModel);
  CHECK(samePixels(mixed[0], want[0]) && samePixels(mixed[1], want[1]));
  CHECK_EQ(ahead.readLater(), int64_t(1));
  // Another size: everything from the video.
  const FrameFormat other{48, 40, Interpolation::Bicubic, true};
  const auto resized = ahead.read({3, 20}, other);
  const auto wantResized = video.read({3, 20}, other);
  CHECK_EQ(resized[0].width, 48);
  CHECK(samePixels(resized[0], wantResized[0]) && samePixels(resized[1], wantResized[1]));
  CHECK_EQ(ahead.readLater(), int64_t(3));
  // An index outside the video is refused as the video refuses it, then and later.
  CHECK_THROWS_WITH(ahead.read({100000}, kModel), "pens.mp4");
  CHECK_THROWS_WITH(DecodedFrames(std::make_unique<FrameReader>(path), {100000}, kModel), "pens.mp4");
  DecodedFrames nothing(std::make_unique<FrameReader>(path), {}, kModel);
  CHECK_EQ(nothing.decodedAhead(), int64_t(0));
}

MINITEST_MAIN
