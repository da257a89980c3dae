// The frame index (model/media/frame_index.cpp): decoded frame counts where the container's count is
// missing or wrong, strictly increasing timestamps, and the content-keyed caches.
#include <filesystem>
#include <fstream>

#include "media/frame_index.h"
#include "media_test_util.h"
#include "core/error.h"

using namespace sevila::media;
using mediatest::dataFile;

namespace {

FrameIndexOptions noDisk() {
  FrameIndexOptions o;
  o.diskCache = false;
  o.memoryCache = false;
  return o;
}

void checkIncreasing(const FrameIndex& index) {
  for (std::size_t i = 1; i < index.seconds.size(); ++i) {
    if (!(index.seconds[i] > index.seconds[i - 1])) {
      CHECK(index.seconds[i] > index.seconds[i - 1]);
      return;
    }
  }
}

}  // namespace

// Counts from /work/shared/media/README.md (ffprobe -count_frames / -show_frames).
TEST(decoded_counts_of_the_real_videos) {
  struct Case {
    const char* name;
    int64_t frames;
    bool seekable;
  } cases[] = {{"pens.mp4", 64, true},
               {"sage-example.mp4", 2, true},
               {"sage-example.mkv", 2, true},
               {"sage-example.webm", 2, true},
               {"sage-example.ogv", 2, true},
               {"sage-example.wmv", 2, true},
               {"sage-example.avi", 2, true},
               {"sage-example.flv", 2, true},
               {"sage-example.mov", 2, true},
               {"balle1-vp9.avi", 295, true},
               {"gtk-logo.webm", 140, true},
               {"Effet_force_magnetique.ogv", 34, true},
               {"kphotoalbum-movie.avi", 68, true},
               {"blue.mpg", 24, false},
               {"alea.mpg", 162, false},
               {"afl-small_movie.mp4", 11, true},
               {"mrpt-dummy_video.avi", 10, true}};
  for (const auto& c : cases) {
    const auto index = frameIndexFor(dataFile(c.name), noDisk());
    CHECK_EQ(index->frameCount(), c.frames);
    CHECK_EQ(index->seekable, c.seekable);
    checkIncreasing(*index);
    if (index->frameCount() != c.frames) std::fprintf(stderr, "  (%s)\n", c.name);
  }
}

TEST(probe_reports_decoded_count_and_real_duration) {
  const VideoInfo pens = probeVideo(dataFile("pens.mp4"), noDisk());
  CHECK_EQ(pens.frameCount, 64);
  CHECK_NEAR(pens.duration, 2.145, 0.01);
  const VideoInfo balle = probeVideo(dataFile("balle1-vp9.avi"), noDisk());
  CHECK_EQ(balle.containerFrameCount, 300);
  CHECK_EQ(balle.frameCount, 295);
  // alea.mpg's container says 0.018 s; its frames span 5.37 s.
  const VideoInfo alea = probeVideo(dataFile("alea.mpg"), noDisk());
  CHECK_NEAR(alea.duration, 5.4, 0.1);
  const VideoInfo afl = probeVideo(dataFile("afl-small_movie.mp4"), noDisk());
  CHECK_NEAR(afl.startTime, 1.0 / 12, 1e-6);
}

TEST(no_timestamps_index_by_decode_order) {
  const auto index = frameIndexFor(dataFile("blue.mpg"), noDisk());
  REQUIRE(index->frameCount() == 24);
  CHECK(!index->seekable);
  CHECK_NEAR(index->seconds[0], 0.0, 1e-12);
  CHECK_NEAR(index->seconds[23], 23.0 / 30, 1e-9);
  CHECK(!index->warnings.empty());
}

TEST(pens_variable_frame_rate_timestamps) {
  const auto index = frameIndexFor(dataFile("pens.mp4"), noDisk());
  REQUIRE(index->frameCount() == 64);
  double longest = 0;
  for (int i = 1; i < 64; ++i) longest = std::max(longest, index->seconds[i] - index->seconds[i - 1]);
  CHECK_NEAR(longest, 0.0588, 0.002);  // the one long gap among 33.5 ms steps
  CHECK_EQ(index->frameAt(index->seconds[10] + 0.001), 10);
  CHECK_EQ(index->frameAt(-5), 0);
  CHECK_EQ(index->frameAt(1e9), 63);
}

TEST(opencv_doc_counts) {
  if (!mediatest::haveOpencvDoc("tree.avi"))
    SKIP("opencv-doc videos not fetched (tests/model/media/fetch_opencv_doc_videos.sh)");
  struct Case {
    const char* name;
    int64_t frames;
  } cases[] = {{"Megamind.avi", 270}, {"Megamind_bugy.avi", 270}, {"vtest.avi", 795},
               {"tree.avi", 68},      {"cup.mp4", 217},           {"box.mp4", 455}};
  for (const auto& c : cases) {
    const auto index = frameIndexFor(mediatest::opencvDocFile(c.name), noDisk());
    CHECK_EQ(index->frameCount(), c.frames);
    checkIncreasing(*index);
  }
  CHECK_EQ(probeVideo(mediatest::opencvDocFile("tree.avi"), noDisk()).containerFrameCount, 444);
}

TEST(generated_vfr_and_offset_start) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  // 40 frames whose steps alternate 120 ms and 40 ms, in Matroska (millisecond timestamps), B-frames.
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc=size=96x64:rate=25 -frames:v 40 "
                        "-vf \"setpts='(N*0.08+if(mod(N,2),0.04,0))/TB'\" -vsync vfr "
                        "-c:v libx264 -bf 2 -pix_fmt yuv420p " +
                        tmp.file("vfr.mkv")));
  const auto vfr = frameIndexFor(tmp.file("vfr.mkv"), noDisk());
  CHECK_EQ(vfr->frameCount(), 40);
  checkIncreasing(*vfr);
  CHECK_NEAR(vfr->seconds[1] - vfr->seconds[0], 0.12, 1e-3);
  CHECK_NEAR(vfr->seconds[2] - vfr->seconds[1], 0.04, 1e-3);
  // MPEG-TS starts at 1.4 s by default.
  REQUIRE(mediatest::ffmpeg(
      "-f lavfi -i testsrc=size=96x64:rate=25:duration=2 -c:v libx264 -bf 3 -pix_fmt yuv420p " +
      tmp.file("offset.ts")));
  const auto ts = frameIndexFor(tmp.file("offset.ts"), noDisk());
  CHECK_EQ(ts->frameCount(), 50);
  CHECK(ts->seconds.front() > 1.0);
  checkIncreasing(*ts);
}

// Where the container is trusted the index comes from its packets; it must equal the decode pass's.
bool packetIndexEqualsDecoded(const std::string& video) {
  FrameIndexOptions decodeOnly = noDisk();
  decodeOnly.fromPackets = false;
  const auto decoded = frameIndexFor(video, decodeOnly);
  const auto fromPackets = frameIndexFor(video, noDisk());
  CHECK(!decoded->fromPackets);
  CHECK_EQ(fromPackets->frameCount(), decoded->frameCount());
  CHECK(fromPackets->timestamps == decoded->timestamps);
  CHECK(fromPackets->seconds == decoded->seconds);
  CHECK_EQ(fromPackets->seekable, decoded->seekable);
  CHECK(fromPackets->keyFrames == decoded->keyFrames);
  std::printf("  %-28s %5lld frames: %s, key frames %zu (decode pass %zu)\n",
              video.substr(video.find_last_of('/') + 1).c_str(),
              static_cast<long long>(decoded->frameCount()),
              fromPackets->fromPackets ? "from packets" : "decode pass", fromPackets->keyFrames.size(),
              decoded->keyFrames.size());
  return fromPackets->fromPackets;
}

TEST(packet_index_equals_decode_pass) {
  for (const char* name :
       {"pens.mp4", "sage-example.mp4", "sage-example.mkv", "sage-example.webm", "sage-example.mov",
        "gtk-logo.webm", "afl-small_movie.mp4", "balle1-vp9.avi", "blue.mpg"})
    packetIndexEqualsDecoded(dataFile(name));
  CHECK(!frameIndexFor(dataFile("afl-small_movie.mp4"), noDisk())->fromPackets);  // 12 packets, 11 pictures
  CHECK(!frameIndexFor(dataFile("balle1-vp9.avi"), noDisk())->fromPackets);       // AVI: not trusted
  if (mediatest::haveOpencvDoc("cup.mp4"))
    for (const char* name : {"cup.mp4", "box.mp4", "Megamind.avi"})
      packetIndexEqualsDecoded(mediatest::opencvDocFile(name));
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  const std::string src = "-f lavfi -i testsrc2=size=160x120:rate=25:duration=12 ";
  struct Case {
    const char* file;
    std::string args;
    bool packets;  // expected to be indexed from packets
  } cases[] = {
      {"bframes.mp4", "-c:v libx264 -bf 3 -b_strategy 2 -g 40 -pix_fmt yuv420p", true},
      {"opengop.mkv", "-c:v libx264 -x264-params open-gop=1:keyint=30:bframes=3 -pix_fmt yuv420p", true},
      {"hevc.mp4", "-c:v libx265 -x265-params log-level=none:keyint=30:bframes=4 -pix_fmt yuv420p", true},
      {"vp9.webm", "-c:v libvpx-vp9 -g 40 -deadline realtime -cpu-used 8", true},
      {"edit.mp4", "-ss 0.3 -c:v libx264 -bf 2 -g 20 -pix_fmt yuv420p", true},
      {"offset.ts", "-c:v libx264 -bf 2 -g 25 -pix_fmt yuv420p", false},
  };
  for (const auto& c : cases) {
    if (!mediatest::ffmpeg(src + c.args + " " + tmp.file(c.file))) {
      std::printf("  (cannot generate %s with this ffmpeg: not tested)\n", c.file);
      continue;
    }
    CHECK_EQ(packetIndexEqualsDecoded(tmp.file(c.file)), c.packets);
  }
  // An MP4 whose edit list starts after the first packets (they are marked to be discarded).
  REQUIRE(mediatest::ffmpeg("-ss 0.5 -i " + tmp.file("bframes.mp4") + " -c copy " + tmp.file("cut.mp4")));
  packetIndexEqualsDecoded(tmp.file("cut.mp4"));
  // VFR with B-frames in Matroska.
  REQUIRE(mediatest::ffmpeg(
      "-f lavfi -i testsrc2=size=128x96:rate=25 -frames:v 90 "
      "-vf \"setpts='(N*0.08+if(mod(N,3),0.04,0))/TB'\" -vsync vfr -c:v libx264 -bf 2 -g 20 "
      "-pix_fmt yuv420p " +
      tmp.file("vfr.mkv")));
  CHECK(packetIndexEqualsDecoded(tmp.file("vfr.mkv")));
}

TEST(content_key_and_disk_sidecar) {
  mediatest::TempDir tmp;
  std::filesystem::copy_file(dataFile("gtk-logo.webm"), tmp.file("a.webm"));
  std::filesystem::copy_file(dataFile("gtk-logo.webm"), tmp.file("renamed.webm"));
  CHECK_EQ(contentKey(tmp.file("a.webm")), contentKey(tmp.file("renamed.webm")));
  CHECK(contentKey(tmp.file("a.webm")) != contentKey(dataFile("pens.mp4")));
  CHECK_THROWS_WITH(contentKey(tmp.file("nothing.webm")), "nothing.webm");

  FrameIndexOptions o;
  o.cacheDir = tmp.file("cache");
  o.memoryCache = false;
  const auto built = frameIndexFor(tmp.file("a.webm"), o);
  const std::string sidecar = tmp.file("cache") + "/v2-" + contentKey(tmp.file("a.webm")) + ".json";
  REQUIRE(std::filesystem::exists(sidecar));
  const auto loaded = frameIndexFor(tmp.file("renamed.webm"), o);  // same content: from the sidecar
  CHECK(loaded->seconds == built->seconds);
  CHECK(loaded->timestamps == built->timestamps);
  CHECK(loaded->keyFrames == built->keyFrames);
  CHECK_EQ(loaded->frameCount(), 140);

  // A damaged sidecar is ignored and rewritten, never trusted.
  std::ofstream(sidecar) << "{\"version\": 1, \"key\": \"" << contentKey(tmp.file("a.webm"))
                         << "\", \"frame_count\": 3, \"timestamps\": [1,2]}";
  const auto rebuilt = frameIndexFor(tmp.file("a.webm"), o);
  CHECK_EQ(rebuilt->frameCount(), 140);
}

TEST(memory_cache_returns_the_same_index) {
  clearFrameIndexMemoryCache();
  FrameIndexOptions o;
  o.diskCache = false;
  const auto a = frameIndexFor(dataFile("Effet_force_magnetique.ogv"), o);
  const auto b = frameIndexFor(dataFile("Effet_force_magnetique.ogv"), o);
  CHECK(a.get() == b.get());
}

TEST(progress_and_cancel) {
  FrameIndexOptions o = noDisk();
  double last = -1;
  bool monotonic = true;
  o.progress = [&](double p) {
    if (p < last) monotonic = false;
    last = p;
    return true;
  };
  frameIndexFor(dataFile("gtk-logo.webm"), o);
  CHECK(monotonic);
  CHECK_NEAR(last, 1.0, 1e-12);
  o.progress = [](double) { return false; };
  CHECK_THROWS_WITH(frameIndexFor(dataFile("gtk-logo.webm"), o), "cancelled");
}

// A sidecar is a cache: a good one is read back, anything odd means "rebuild" (nullptr), including a
// float where an integer belongs (once cast unchecked: undefined behaviour, found by fuzzing).
TEST(sidecar_text_is_read_or_refused) {
  const std::string key = "1234-0123456789abcdef";
  const std::string good =
      R"({"version": 2, "key": "1234-0123456789abcdef", "frame_count": 3, "time_base": [1, 10], "fps": 10.0,
          "seekable": true, "timestamps": [0, null, 2], "seconds": [0.0, 0.1, 0.2], "key_frames": [0],
          "warnings": [], "from_packets": false})";
  const auto index = sevila::media::parseFrameIndexSidecar(good, key);
  CHECK(index != nullptr);
  CHECK_EQ(index->frameCount(), 3);
  CHECK_EQ(index->timeBaseDen, 10);
  CHECK(sevila::media::parseFrameIndexSidecar(good, "5678-0123456789abcdef") == nullptr);  // another video
  auto bad = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return sevila::media::parseFrameIndexSidecar(text, key) == nullptr;
  };
  CHECK(bad("[1, 10]", "[1.11111e32, 10]"));
  CHECK(bad("\"frame_count\": 3", "\"frame_count\": 3.5"));
  CHECK(bad("[0, null, 2]", "[0, 1e300, 2]"));
  CHECK(bad("[0.0, 0.1, 0.2]", "[0.0, 0.1]"));               // not one time per frame
  CHECK(bad("\"key_frames\": [0]", "\"key_frames\": [5]"));  // outside the video
  CHECK(sevila::media::parseFrameIndexSidecar("{\"version\": 2", key) == nullptr);
}

MINITEST_MAIN
