// Playback (model/media/playback_service.cpp): seeks and steps land on exactly the asked frame,
// playback follows the video's timing and ends on the last frame, and memory stays bounded on a
// two-hour video.
#include <fstream>
#include <thread>

#include "media/frame_reader.h"
#include "media/playback_service.h"
#include "media_test_util.h"

using namespace sevila::media;
using mediatest::dataFile;
using namespace std::chrono_literals;

namespace {

PlaybackOptions options() {
  PlaybackOptions o;
  o.index.diskCache = false;
  return o;
}

RgbImage reference(const std::string& video, int64_t frame) {
  FrameReaderOptions o;
  o.index.diskCache = false;
  FrameReader r(video, o);
  return r.read(frame, FrameFormat{});
}

long residentKiB() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      long kib = 0;
      in >> kib;
      return kib;
    }
    std::getline(in, key);
  }
  return -1;
}

}  // namespace

TEST(first_frame_then_exact_seeks_and_steps) {
  const std::string video = dataFile("pens.mp4");
  PlaybackService p(video, options());
  CHECK_EQ(p.info().frameCount, 64);
  auto first = p.waitFrame(5s);
  REQUIRE(first.has_value());
  CHECK_EQ(first->frameIndex, 0);
  CHECK_EQ(first->width, 144);  // rotation applied
  CHECK_EQ(first->height, 176);

  p.seekToFrame(37);
  auto f = p.waitFrame(5s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 37);
  CHECK(*f->pixels == *reference(video, 37).pixels);
  CHECK_EQ(p.position().frame, 37);
  CHECK_NEAR(p.position().seconds, p.index()->seconds[37], 1e-12);

  p.stepForward();
  f = p.waitFrame(5s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 38);
  CHECK(*f->pixels == *reference(video, 38).pixels);
  p.stepBackward();
  p.stepBackward();
  f = p.waitFrame(5s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 36);
  CHECK(*f->pixels == *reference(video, 36).pixels);

  p.seekToSeconds(p.index()->seconds[20] + 0.001);
  f = p.waitFrame(5s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 20);
  p.seekToFrame(1000);  // clamped
  f = p.waitFrame(5s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 63);
  p.stepForward();  // at the end: stays
  CHECK(!p.waitFrame(200ms).has_value());
  CHECK_EQ(p.position().frame, 63);
}

TEST(seek_in_a_stream_without_timestamps) {
  const std::string video = dataFile("blue.mpg");
  PlaybackService p(video, options());
  REQUIRE(p.waitFrame(5s).has_value());
  for (int64_t target : {10, 3, 23, 0}) {
    p.seekToFrame(target);
    auto f = p.waitFrame(5s);
    REQUIRE(f.has_value());
    CHECK_EQ(f->frameIndex, target);
    CHECK(*f->pixels == *reference(video, target).pixels);
  }
}

TEST(plays_through_in_order_at_the_video_rate) {
  PlaybackOptions o = options();
  o.maxWidth = 64;
  o.maxHeight = 64;
  PlaybackService p(dataFile("gtk-logo.webm"), o);  // 140 frames at 30 fps: 4.67 s
  REQUIRE(p.waitFrame(5s).has_value());
  int ready = 0;
  p.setFrameReadyCallback([&] { ++ready; });
  p.setRate(4.0);
  const auto start = PlaybackService::Clock::now();
  p.play();
  int64_t last = 0;
  int shown = 0;
  while (p.playing() && PlaybackService::Clock::now() - start < 10s) {
    if (auto f = p.pull()) {
      CHECK(f->frameIndex > last);
      CHECK(f->width <= 64 && f->height <= 64);
      last = f->frameIndex;
      ++shown;
    }
    CHECK(p.queuedFrames() <= p.queueCapacity());
    std::this_thread::sleep_for(2ms);
  }
  const double elapsed = std::chrono::duration<double>(PlaybackService::Clock::now() - start).count();
  CHECK(p.atEnd());
  CHECK_EQ(last, 139);
  CHECK(shown > 50);
  CHECK(ready > 0);
  // 4.63 s of video at 4x: about 1.16 s (generous bounds: this is not a timing test).
  CHECK(elapsed > 0.9);
  CHECK(elapsed < 8);
  p.play();  // from the start again
  auto again = p.waitFrame(5s);
  REQUIRE(again.has_value());
  CHECK_EQ(again->frameIndex, 0);
}

TEST(thumbnails_are_cached_and_bounded) {
  PlaybackOptions o = options();
  o.thumbnailBytes = 5 * 32 * 32 * 3;
  PlaybackService p(dataFile("kphotoalbum-movie.avi"), o);  // 160x120
  const auto strip = p.thumbnails({0, 10, 20, 30, 40, 50, 60}, 32, 32);
  REQUIRE(strip.size() == 7u);
  for (std::size_t k = 0; k < strip.size(); ++k) {
    CHECK_EQ(strip[k].frameIndex, int64_t(10 * k));
    CHECK_EQ(strip[k].width, 32);
    CHECK_EQ(strip[k].height, 24);
  }
  CHECK(p.thumbnailCache().bytes() <= o.thumbnailBytes);
  const auto again = p.thumbnail(60, 32, 32);
  CHECK(again.pixels == strip[6].pixels);  // served from the cache: the same buffer
}

TEST(two_hour_video_memory_stays_bounded) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  // Two hours at 2 fps, small pictures (so generating and indexing is quick), long GOPs.
  REQUIRE(mediatest::ffmpeg("-f lavfi -i testsrc2=size=96x64:rate=2:duration=7200 -c:v libx264 -preset ultrafast "
                            "-g 600 -pix_fmt yuv420p " + tmp.file("two_hours.mp4")));
  PlaybackOptions o = options();
  o.queueFrames = 6;
  PlaybackService p(tmp.file("two_hours.mp4"), o);
  CHECK_EQ(p.info().frameCount, 14400);
  REQUIRE(p.waitFrame(5s).has_value());
  const long before = residentKiB();
  p.setRate(4000);  // 8000 frames a second of video time: the decoder is the bottleneck
  p.play();
  const auto start = PlaybackService::Clock::now();
  int64_t last = 0;
  while (p.playing() && PlaybackService::Clock::now() - start < 60s) {
    if (auto f = p.pull()) last = f->frameIndex;
    CHECK(p.queuedFrames() <= 6);
    std::this_thread::sleep_for(1ms);
  }
  CHECK_EQ(last, 14399);
  CHECK(p.peakQueuedBytes() <= 6u * 96 * 64 * 3);
  const long after = residentKiB();
  std::printf("  two-hour video: RSS %ld KiB before playing, %ld KiB after; queue peak %zu bytes\n", before, after,
              p.peakQueuedBytes());
  CHECK(after - before < 64 * 1024);
  p.seekToFrame(14000);
  auto f = p.waitFrame(10s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 14000);
}

TEST(bad_file_is_an_error) {
  CHECK_THROWS_WITH(PlaybackService("/no/such/movie.mkv", options()), "/no/such/movie.mkv: no such file");
}

MINITEST_MAIN
