// Frame-accurate decoding (model/media/frame_reader.cpp): the frames read by index, in any order,
// equal the ffmpeg CLI's frames with the same decoded-frame numbers (select=eq(n,IDX)), on the real
// test videos and on generated ones with B-frames, open GOPs, VFR, offset starts and rotation.
#include <algorithm>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "media/frame_index.h"
#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "media_test_util.h"
#include "core/error.h"

using namespace sevila::media;
using mediatest::dataFile;

namespace {

FrameReaderOptions options() {
  FrameReaderOptions o;
  o.threads = 2;
  o.index.diskCache = false;
  return o;
}

// Reads the sampled frames plus a few random ones, shuffled and repeated, and compares them with the
// CLI's. Returns the lowest PSNR seen.
double checkAgainstCli(const std::string& video, int num, const std::string& scale,
                       const FrameFormat& format) {
  mediatest::TempDir tmp;
  FrameReader reader(video, options());
  const int64_t n = reader.index().frameCount();
  std::vector<int64_t> want = sampleFrameIndices(n, num, reader.info().fps);
  std::mt19937 rng(static_cast<unsigned>(n));
  for (int k = 0; k < 4; ++k) want.push_back(std::uniform_int_distribution<int64_t>(0, n - 1)(rng));
  want.push_back(n - 1);
  std::vector<int64_t> asked = want;
  std::shuffle(asked.begin(), asked.end(), rng);
  asked.push_back(asked.front());
  const auto images = reader.read(asked, format);
  REQUIRE(images.size() == asked.size());

  std::vector<int64_t> sorted = asked;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  const auto cli = mediatest::cliFrames(video, sorted, scale, tmp);
  REQUIRE(!cli.empty());
  const std::size_t frameBytes = static_cast<std::size_t>(images[0].width) * images[0].height * 3;
  CHECK_EQ(cli.size(), frameBytes * sorted.size());
  double worst = INFINITY;
  for (std::size_t k = 0; k < asked.size(); ++k) {
    CHECK_EQ(images[k].frameIndex, asked[k]);
    CHECK_NEAR(images[k].seconds, reader.index().seconds[asked[k]], 1e-12);
    const std::size_t slot = std::lower_bound(sorted.begin(), sorted.end(), asked[k]) - sorted.begin();
    const auto diff = mediatest::compare(images[k], cli, slot * frameBytes);
    worst = std::min(worst, diff.psnr);
    if (diff.psnr < 40)
      std::fprintf(stderr, "  %s frame %lld: PSNR %.2f dB, max diff %d\n", video.c_str(),
                   static_cast<long long>(asked[k]), diff.psnr, diff.maxAbs);
  }
  CHECK(worst >= 40);
  std::printf("  %-40s %5lld frames, %zu read, seeks %d, decoded %lld, min PSNR %s dB\n",
              video.substr(video.find_last_of('/') + 1).c_str(), static_cast<long long>(n), asked.size(),
              reader.stats().seeks, static_cast<long long>(reader.stats().decoded),
              std::isinf(worst) ? "inf (exact)" : std::to_string(worst).c_str());
  return worst;
}

const FrameFormat kFull{};

}  // namespace

TEST(real_videos_full_size_equal_cli) {
  REQUIRE_FFMPEG();
  for (const char* name :
       {"pens.mp4", "sage-example.mp4", "sage-example.webm", "sage-example.ogv", "sage-example.wmv",
        "sage-example.flv", "balle1-vp9.avi", "gtk-logo.webm", "Effet_force_magnetique.ogv",
        "kphotoalbum-movie.avi", "blue.mpg", "alea.mpg", "afl-small_movie.mp4", "mrpt-dummy_video.avi"})
    checkAgainstCli(dataFile(name), 8, "scale=iw:ih:flags=bilinear", kFull);
}

TEST(opencv_doc_videos_equal_cli) {
  REQUIRE_FFMPEG();
  if (!mediatest::haveOpencvDoc("cup.mp4"))
    SKIP("opencv-doc videos not fetched (tests/model/media/fetch_opencv_doc_videos.sh)");
  for (const char* name :
       {"Megamind.avi", "Megamind_bugy.avi", "vtest.avi", "tree.avi", "cup.mp4", "box.mp4"})
    checkAgainstCli(mediatest::opencvDocFile(name), 8, "scale=iw:ih:flags=bilinear", kFull);
}

TEST(generated_streams_equal_cli) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  const std::string src = "-f lavfi -i testsrc2=size=160x120:rate=25:duration=6 ";
  struct Case {
    const char* file;
    std::string args;
  } cases[] = {
      {"bframes.mp4", "-c:v libx264 -bf 3 -b_strategy 2 -g 40 -pix_fmt yuv420p"},
      {"opengop.mkv", "-c:v libx264 -x264-params open-gop=1:keyint=30:bframes=3 -pix_fmt yuv420p"},
      {"offset.ts", "-c:v libx264 -bf 2 -g 25 -pix_fmt yuv420p"},
      {"bframes.avi", "-c:v mpeg4 -bf 2 -g 30 -q:v 4"},
      {"odd.webm", "-vf scale=97:55 -c:v libvpx-vp9 -g 40 -deadline realtime -cpu-used 8"},
      {"mpeg2.mpg", "-c:v mpeg2video -bf 2 -g 15 -q:v 4"},
      {"hevc.mp4", "-c:v libx265 -x265-params log-level=none:keyint=30:bframes=4 -pix_fmt yuv420p"},
  };
  for (const auto& c : cases) {
    if (!mediatest::ffmpeg(src + c.args + " " + tmp.file(c.file))) {
      std::printf("  (cannot generate %s with this ffmpeg: not tested)\n", c.file);
      continue;
    }
    checkAgainstCli(tmp.file(c.file), 16, "scale=iw:ih:flags=bilinear", kFull);
  }
  // Variable frame rate with B-frames.
  REQUIRE(mediatest::ffmpeg(
      "-f lavfi -i testsrc2=size=128x96:rate=25 -frames:v 60 "
      "-vf \"setpts='(N*0.08+if(mod(N,3),0.04,0))/TB'\" -vsync vfr -c:v libx264 -bf 2 -g 20 "
      "-pix_fmt yuv420p " +
      tmp.file("vfr.mkv")));
  checkAgainstCli(tmp.file("vfr.mkv"), 16, "scale=iw:ih:flags=bilinear", kFull);
}

TEST(rotations_equal_cli) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc2=size=128x72:rate=25:duration=2 -c:v libx264 -pix_fmt yuv420p " +
                        tmp.file("plain.mp4")));
  std::set<int> seen;
  for (int tag : {90, 180, 270}) {
    // The "rotate" tag becomes a display matrix when the muxer writes the file (stream copy).
    const std::string file = tmp.file("rot" + std::to_string(tag) + ".mp4");
    REQUIRE(mediatest::ffmpeg("-i " + tmp.file("plain.mp4") +
                              " -c copy -metadata:s:v:0 rotate=" + std::to_string(tag) + " " + file));
    FrameReader reader(file, options());
    seen.insert(reader.info().rotation);
    const bool quarter = reader.info().rotation % 180 == 90;
    CHECK_EQ(reader.info().displayWidth, quarter ? 72 : 128);
    checkAgainstCli(file, 6, "scale=iw:ih:flags=bilinear", kFull);  // sizes and pixels as the CLI turns them
  }
  CHECK(seen == std::set<int>({90, 180, 270}));
}

TEST(sequential_reads_without_timestamps) {
  FrameReader reader(dataFile("blue.mpg"), options());
  CHECK(!reader.index().seekable);
  const auto a = reader.read({20, 3, 3, 10}, kFull);
  CHECK_EQ(a[0].frameIndex, 20);
  CHECK_EQ(a[1].frameIndex, 3);
  CHECK(a[1].pixels == a[2].pixels);
  const auto again = reader.read(10, kFull);
  CHECK(*again.pixels == *a[3].pixels);
}

TEST(read_next_continues_after_a_seek) {
  FrameReaderOptions o = options();
  o.skipNonReference = false;
  FrameReader reader(dataFile("pens.mp4"), o);
  const auto at = reader.read(30, kFull);
  for (int64_t i = 31; i < 64; ++i) {
    auto next = reader.readNext(kFull);
    REQUIRE(next.has_value());
    CHECK_EQ(next->frameIndex, i);
  }
  CHECK(!reader.readNext(kFull).has_value());
  FrameReader fresh(dataFile("pens.mp4"), o);
  CHECK(*fresh.read(45, kFull).pixels == *[&] {
    FrameReader r(dataFile("pens.mp4"), o);
    r.read(40, kFull);
    for (int k = 0; k < 4; ++k) r.readNext(kFull);
    return r.readNext(kFull)->pixels;
  }());
}

// Two decoders at once (FrameReaderOptions::parallel) give exactly the frames of one decoder.
void checkParallelEqualsSerial(const std::string& video, std::size_t num) {
  FrameReaderOptions serialOptions = options();
  serialOptions.parallel = 1;
  FrameReaderOptions parallelOptions = options();
  parallelOptions.parallel = 2;
  FrameReader serial(video, serialOptions);
  FrameReader parallel(video, parallelOptions);
  const int64_t n = serial.index().frameCount();
  std::vector<int64_t> want = sampleFrameIndices(n, static_cast<int>(num), serial.info().fps);
  want.push_back(n - 1);
  want.push_back(want.front());
  std::reverse(want.begin(), want.end());
  const auto a = serial.read(want, kFull);
  const auto b = parallel.read(want, kFull);
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    CHECK_EQ(b[k].frameIndex, want[k]);
    CHECK_EQ(a[k].frameIndex, b[k].frameIndex);
    CHECK(*a[k].pixels == *b[k].pixels);
  }
  CHECK_EQ(serial.stats().parallelReads, 0);
  CHECK(parallel.stats().parallelReads >= 1);  // every file here has several key frames
  std::printf("  %-20s %4lld frames, %2zu read: serial decoded %lld, parallel decoded %lld\n",
              video.substr(video.find_last_of('/') + 1).c_str(), static_cast<long long>(n), want.size(),
              static_cast<long long>(serial.stats().decoded),
              static_cast<long long>(parallel.stats().decoded));
  // Reading on after a parallel read continues after its highest frame, as after a serial one.
  FrameReaderOptions nextOptions = parallelOptions;
  nextOptions.skipNonReference = false;
  FrameReader follower(video, nextOptions);
  const int64_t top = std::min<int64_t>(n - 2, *std::max_element(want.begin(), want.end() - 1));
  std::vector<int64_t> two = {std::max<int64_t>(0, top / 3), top};
  follower.read(two, kFull);
  auto next = follower.readNext(kFull);
  REQUIRE(next.has_value());
  CHECK_EQ(next->frameIndex, top + 1);
  CHECK(*next->pixels == *serial.read(top + 1, kFull).pixels);
}

TEST(parallel_read_equals_serial_read) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  const std::string src = "-f lavfi -i testsrc2=size=160x120:rate=25:duration=10 ";
  REQUIRE(mediatest::ffmpeg(src + "-c:v libx264 -bf 3 -b_strategy 2 -g 24 -pix_fmt yuv420p " +
                            tmp.file("b.mp4")));
  REQUIRE(mediatest::ffmpeg(src +
                            "-c:v libx264 -x264-params open-gop=1:keyint=30:bframes=3 -pix_fmt yuv420p " +
                            tmp.file("open.mkv")));
  checkParallelEqualsSerial(tmp.file("b.mp4"), 32);
  checkParallelEqualsSerial(tmp.file("open.mkv"), 32);
  checkParallelEqualsSerial(dataFile("pens.mp4"), 16);
  checkParallelEqualsSerial(dataFile("balle1-vp9.avi"), 32);
  if (mediatest::haveOpencvDoc("cup.mp4")) {
    checkParallelEqualsSerial(mediatest::opencvDocFile("cup.mp4"), 32);
    checkParallelEqualsSerial(mediatest::opencvDocFile("Megamind.avi"), 32);
  }
}

// An index from packets that promises a frame the decoder never gives (here: a forged sidecar with one
// timestamp too many) is rebuilt by decoding on the first read that misses, with a warning.
TEST(wrong_packet_index_is_rebuilt_by_decoding) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  const std::string video = tmp.file("b.mp4");
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc2=size=160x120:rate=25:duration=4 -c:v libx264 -bf 3 -g 24 "
                        "-pix_fmt yuv420p " +
                        video));
  FrameReaderOptions o = options();
  o.index.cacheDir = tmp.file("cache");
  o.index.diskCache = true;
  o.index.memoryCache = false;
  const auto truth = FrameReader(video, o).read(std::vector<int64_t>{10, 11, 50}, kFull);
  const std::string sidecar = o.index.cacheDir + "/v2-" + contentKey(video) + ".json";
  nlohmann::json j;
  {
    std::ifstream in(sidecar);
    REQUIRE(in.good());
    j = nlohmann::json::parse(in);
  }
  REQUIRE(j.at("from_packets").get<bool>());
  auto ts = j.at("timestamps").get<std::vector<int64_t>>();
  auto secs = j.at("seconds").get<std::vector<double>>();
  ts.insert(ts.begin() + 11, (ts[10] + ts[11]) / 2);
  secs.insert(secs.begin() + 11, (secs[10] + secs[11]) / 2);
  auto keys = j.at("key_frames").get<std::vector<int64_t>>();
  for (auto& k : keys)
    if (k > 10) ++k;
  j["timestamps"] = ts;
  j["seconds"] = secs;
  j["key_frames"] = keys;
  j["frame_count"] = ts.size();
  {
    std::ofstream out(sidecar);
    out << j.dump();
  }
  FrameReader reader(video, o);
  REQUIRE(reader.index().frameCount() == 101);  // the forged index
  const auto got = reader.read(std::vector<int64_t>{10, 11, 50}, kFull);
  CHECK_EQ(reader.index().frameCount(), 100);
  CHECK(!reader.index().fromPackets);
  CHECK_EQ(reader.info().frameCount, 100);
  for (std::size_t k = 0; k < got.size(); ++k) CHECK(*got[k].pixels == *truth[k].pixels);
  bool warned = false;
  for (const auto& w : reader.warnings())
    warned |= w.find("rebuilt the index by decoding") != std::string::npos;
  CHECK(warned);
}

TEST(out_of_range_index_is_an_error) {
  FrameReader reader(dataFile("sage-example.mkv"), options());
  CHECK_THROWS_WITH(reader.read(2, kFull), "frame 2 does not exist (the video has 2 frames)");
  CHECK_THROWS_WITH(reader.read(-1, kFull), "sage-example.mkv");
}

MINITEST_MAIN
