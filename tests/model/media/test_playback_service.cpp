// Playback (model/media/playback_service.cpp): seeks and steps land on exactly the asked frame,
// playback follows the video's timing and ends on the last frame, plays backwards (J/K/L shuttle) with
// exactly the forward reader's frames down to frame 0, and memory stays bounded on a two-hour video.
// Where the order of frames matters the tests drive pull(now) with their own clock, so that they do
// not depend on how fast this machine decodes.
#include <cmath>
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

std::vector<RgbImage> allFrames(const std::string& video) {
  FrameReaderOptions o;
  o.index.diskCache = false;
  FrameReader r(video, o);
  std::vector<int64_t> all(static_cast<std::size_t>(r.index().frameCount()));
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int64_t>(i);
  return r.read(all, FrameFormat{});
}

// A clock the test advances itself: pull(now) sees a frame as due once `now` passes its time.
struct FakeClock {
  PlaybackService::Clock::time_point now = PlaybackService::Clock::now();
  void advance(double seconds) {
    now +=
        std::chrono::duration_cast<PlaybackService::Clock::duration>(std::chrono::duration<double>(seconds));
  }
};

// Waits (real time, bounded) until the worker has queued `n` frames or stopped producing them.
void waitQueued(PlaybackService& p, std::size_t n) {
  const auto deadline = PlaybackService::Clock::now() + 10s;
  std::size_t last = p.queuedFrames();
  auto lastChange = PlaybackService::Clock::now();
  while (p.queuedFrames() < n && PlaybackService::Clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
    if (p.queuedFrames() != last) {
      last = p.queuedFrames();
      lastChange = PlaybackService::Clock::now();
    } else if (PlaybackService::Clock::now() - lastChange > 2s) {
      return;  // nothing more is coming (the end of the video in this direction)
    }
  }
}

// Plays with the fake clock advancing one frame period (scaled by the rate) per pull, each time once the
// next frame is decoded: every frame comes out, none is late. Stops after `limit` frames or at the end.
std::vector<RgbImage> playFrames(PlaybackService& p, FakeClock& clock, double period, std::size_t limit) {
  std::vector<RgbImage> out;
  while (p.playing() && out.size() < limit) {
    waitQueued(p, 1);
    clock.advance(period);
    if (auto f = p.pull(clock.now)) out.push_back(*f);
  }
  return out;
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

// Under AddressSanitizer freed memory waits in a quarantine (256 MiB by default) before it is reused, so
// the resident size says nothing about what the player holds: only the queue's own bounds are checked.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kResidentSizeMeaningful = false;
#else
constexpr bool kResidentSizeMeaningful = true;
#endif

TEST(two_hour_video_memory_stays_bounded) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  // Two hours at 2 fps, small pictures (so generating and indexing is quick), long GOPs.
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc2=size=96x64:rate=2:duration=7200 -c:v libx264 -preset ultrafast "
                        "-g 600 -pix_fmt yuv420p " +
                        tmp.file("two_hours.mp4")));
  PlaybackOptions o = options();
  o.queueFrames = 6;
  PlaybackService p(tmp.file("two_hours.mp4"), o);
  CHECK_EQ(p.info().frameCount, 14400);
  REQUIRE(p.waitFrame(5s).has_value());
  const long before = residentKiB();
  p.setRate(16);
  p.play();
  // A clock 100 s ahead at every pull: every decoded frame is due at once, the decoder is the bottleneck.
  FakeClock clock;
  const auto start = PlaybackService::Clock::now();
  int64_t last = 0;
  while (p.playing() && PlaybackService::Clock::now() - start < 60s) {
    clock.advance(100);
    if (auto f = p.pull(clock.now)) last = f->frameIndex;
    CHECK(p.queuedFrames() <= 6);
    std::this_thread::sleep_for(1ms);
  }
  CHECK_EQ(last, 14399);
  CHECK(p.peakQueuedBytes() <= 6u * 96 * 64 * 3);
  const long after = residentKiB();
  std::printf("  two-hour video: RSS %ld KiB before playing, %ld KiB after; queue peak %zu bytes\n", before,
              after, p.peakQueuedBytes());
  CHECK(!kResidentSizeMeaningful || after - before < 64 * 1024);
  p.seekToFrame(14000);
  auto f = p.waitFrame(10s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 14000);

  // Backwards through 600-frame GOPs: chunks of reverseChunkFrames, never more than the capacity held.
  p.setRate(-16);
  CHECK_EQ(p.queueCapacity(), 6u + o.reverseChunkFrames);
  p.play();
  const long beforeBack = residentKiB();
  const auto back = PlaybackService::Clock::now();
  int64_t previous = 14000;
  int shown = 0;
  while (p.playing() && PlaybackService::Clock::now() - back < 5s) {
    clock.advance(100);
    if (auto g = p.pull(clock.now)) {
      CHECK(g->frameIndex < previous);
      previous = g->frameIndex;
      ++shown;
    }
    CHECK(p.queuedFrames() <= p.queueCapacity());
    std::this_thread::sleep_for(1ms);
  }
  p.pause();
  CHECK(shown > 0);
  CHECK(previous < 14000);
  CHECK(p.peakQueuedBytes() <= p.queueCapacity() * 96 * 64 * 3);
  const long afterBack = residentKiB();
  std::printf(
      "  backwards: %d frames shown down to %lld in 5 s, RSS %ld KiB -> %ld KiB, queue peak %zu bytes\n",
      shown, static_cast<long long>(previous), beforeBack, afterBack, p.peakQueuedBytes());
  CHECK(!kResidentSizeMeaningful || afterBack - beforeBack < 64 * 1024);
}

TEST(reverse_play_shows_every_frame_backwards_down_to_frame_0) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  // H.264 with B-frames and 25-frame GOPs (chunks cross key frames), and a raw MPEG-1 stream without
  // timestamps (read in decode order).
  const std::string h264 = tmp.file("bframes.mp4");
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc2=size=128x96:rate=25:duration=4 -c:v libx264 -g 25 -bf 3 "
                        "-pix_fmt yuv420p " +
                        h264));
  for (const std::string& video : {h264, dataFile("blue.mpg")}) {
    const auto forward = allFrames(video);
    PlaybackOptions o = options();
    o.queueFrames = 4;
    o.reverseChunkFrames = 6;
    PlaybackService p(video, o);
    const int64_t n = p.info().frameCount;
    REQUIRE(n == static_cast<int64_t>(forward.size()));
    REQUIRE(n > 20);
    p.seekToFrame(n - 1);
    REQUIRE(p.waitFrame(5s).has_value());
    p.setRate(-1);
    CHECK_EQ(p.rate(), -1.0);
    FakeClock clock;
    p.play();
    const double period = p.index()->seconds[1] - p.index()->seconds[0];
    const auto frames = playFrames(p, clock, period, 1000);
    REQUIRE(frames.size() == static_cast<std::size_t>(n - 1));
    for (std::size_t k = 0; k < frames.size(); ++k) {
      const int64_t want = n - 2 - static_cast<int64_t>(k);
      CHECK_EQ(frames[k].frameIndex, want);
      CHECK(*frames[k].pixels == *forward[static_cast<std::size_t>(want)].pixels);
      CHECK_EQ(frames[k].seconds, p.index()->seconds[static_cast<std::size_t>(want)]);
    }
    // At frame 0 it stops, paused, like the end of forward play.
    clock.advance(1);
    CHECK(!p.pull(clock.now).has_value());
    CHECK(!p.playing());
    CHECK(p.atStart());
    CHECK(!p.atEnd());
    CHECK_EQ(p.position().frame, 0);
    CHECK(p.peakQueuedBytes() <= p.queueCapacity() * forward[0].bytes());
    p.play();  // backwards from frame 0: nothing to play
    clock.advance(1);
    CHECK(!p.pull(clock.now).has_value());
    CHECK(!p.playing());
    CHECK(p.atStart());
  }
}

TEST(fast_reverse_drops_late_frames_and_still_ends_at_frame_0) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  const std::string video = tmp.file("fast.mkv");
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc2=size=128x96:rate=30:duration=5 -c:v libx264 -g 60 -bf 2 "
                        "-pix_fmt yuv420p " +
                        video));
  const auto forward = allFrames(video);
  PlaybackService p(video, options());
  const int64_t n = p.info().frameCount;
  p.seekToFrame(n - 1);
  REQUIRE(p.waitFrame(5s).has_value());
  p.setRate(-8);
  FakeClock clock;
  p.play();
  // Three frame periods per pull at 8x: late frames are dropped, the rest come in decreasing order.
  const double period = 3 * (p.index()->seconds[1] - p.index()->seconds[0]) / 8;
  int64_t previous = n - 1;
  std::size_t shown = 0;
  for (const auto& f : playFrames(p, clock, period, 1000)) {
    CHECK(f.frameIndex < previous);
    CHECK(*f.pixels == *forward[static_cast<std::size_t>(f.frameIndex)].pixels);
    previous = f.frameIndex;
    ++shown;
  }
  CHECK_EQ(previous, 0);
  CHECK(shown < static_cast<std::size_t>(n - 1));
  CHECK(p.atStart());
}

TEST(direction_changes_pause_seek_and_steps_during_reverse_play) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  const std::string video = tmp.file("turns.mp4");
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc2=size=128x96:rate=25:duration=4 -c:v libx264 -g 20 -bf 3 "
                        "-pix_fmt yuv420p " +
                        video));
  const auto forward = allFrames(video);
  PlaybackService p(video, options());
  const double period = p.index()->seconds[1] - p.index()->seconds[0];
  auto same = [&](const RgbImage& f) {
    return *f.pixels == *forward[static_cast<std::size_t>(f.frameIndex)].pixels;
  };
  p.seekToFrame(30);
  REQUIRE(p.waitFrame(5s).has_value());
  FakeClock clock;
  p.play();
  auto run = playFrames(p, clock, period, 10);  // forward: 31..40
  REQUIRE(run.size() == 10u);
  CHECK_EQ(run.back().frameIndex, 40);
  for (const auto& f : run) CHECK(same(f));

  p.setRate(-2);  // L -> J mid-play: continues backwards from the frame on screen
  run = playFrames(p, clock, period / 2, 25);  // 39..15
  REQUIRE(run.size() == 25u);
  for (std::size_t k = 0; k < run.size(); ++k) {
    CHECK_EQ(run[k].frameIndex, 39 - static_cast<int64_t>(k));
    CHECK(same(run[k]));
  }
  p.setRate(4);                               // and forwards again, faster
  run = playFrames(p, clock, period / 4, 5);  // 16..20
  REQUIRE(run.size() == 5u);
  for (std::size_t k = 0; k < run.size(); ++k) {
    CHECK_EQ(run[k].frameIndex, 16 + static_cast<int64_t>(k));
    CHECK(same(run[k]));
  }
  p.setRate(-1);
  run = playFrames(p, clock, period, 3);  // 19, 18, 17
  REQUIRE(run.size() == 3u);
  CHECK_EQ(run.back().frameIndex, 17);

  p.pause();  // K: nothing more comes, however late it gets
  clock.advance(10);
  CHECK(!p.pull(clock.now).has_value());
  CHECK_EQ(p.position().frame, 17);
  p.play();  // resumes backwards from 17
  run = playFrames(p, clock, period, 2);
  REQUIRE(run.size() == 2u);
  CHECK_EQ(run[0].frameIndex, 16);
  CHECK_EQ(run[1].frameIndex, 15);

  p.seekToFrame(80);  // a seek while playing backwards: exactly that frame, then backwards from it
  auto f = p.waitFrame(5s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 80);
  CHECK(same(*f));
  clock.now = PlaybackService::Clock::now();
  p.pull(clock.now);  // re-anchors at the seek's frame (nothing new yet)
  run = playFrames(p, clock, period, 3);
  REQUIRE(run.size() == 3u);
  CHECK_EQ(run[0].frameIndex, 79);
  CHECK_EQ(run[2].frameIndex, 77);
  for (const auto& g : run) CHECK(same(g));

  p.stepBackward();  // steps pause, and count from the frame on screen
  f = p.waitFrame(5s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 76);
  CHECK(same(*f));
  CHECK(!p.playing());
  p.stepForward();
  f = p.waitFrame(5s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 77);
  CHECK(same(*f));
  p.stepForward();
  f = p.waitFrame(5s);
  REQUIRE(f.has_value());
  CHECK_EQ(f->frameIndex, 78);

  // Turning at the end of forward play plays backwards from the last frame.
  const int64_t n = p.info().frameCount;
  p.setRate(1);
  p.seekToFrame(n - 2);
  REQUIRE(p.waitFrame(5s).has_value());
  p.play();
  run = playFrames(p, clock, period, 10);
  CHECK_EQ(run.size(), 1u);
  clock.advance(1);
  p.pull(clock.now);
  CHECK(p.atEnd());
  p.setRate(-1);
  CHECK(!p.atEnd());
  p.play();
  run = playFrames(p, clock, period, 2);
  REQUIRE(run.size() == 2u);
  CHECK_EQ(run[0].frameIndex, n - 2);
  CHECK_EQ(run[1].frameIndex, n - 3);
}

TEST(rates_outside_the_shuttle_range_are_errors) {
  PlaybackService p(dataFile("pens.mp4"), options());
  CHECK_THROWS_WITH(p.setRate(0), "playback rate: 0 is not a rate");
  CHECK_THROWS_WITH(p.setRate(17), "between 1/8 and 16");
  CHECK_THROWS_WITH(p.setRate(-17), "between 1/8 and 16");
  CHECK_THROWS_WITH(p.setRate(1.0 / 16), "between 1/8 and 16");
  CHECK_THROWS_WITH(p.setRate(std::nan("")), "between 1/8 and 16");
  CHECK_EQ(p.rate(), 1.0);  // unchanged by the refused calls
  for (double r : {-16.0, -8.0, -1.0, -0.125, 0.125, 2.0, 16.0}) {
    p.setRate(r);
    CHECK_EQ(p.rate(), r);
  }
}

TEST(bad_file_is_an_error) {
  CHECK_THROWS_WITH(PlaybackService("/no/such/movie.mkv", options()), "/no/such/movie.mkv: no such file");
}

MINITEST_MAIN
