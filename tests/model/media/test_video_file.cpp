// Opening videos (model/media/video_file.cpp): the facts FFmpeg reports, and hostile input that must
// give a clear sevila::Error naming the file (or decode with warnings), never a crash or a hang.
#include <fstream>
#include <random>
#include <thread>

#include "media/ffmpeg_log.h"
#include "media/video_file.h"
#include "media_test_util.h"
#include "core/error.h"

using namespace sevila::media;
using mediatest::dataFile;

namespace {
int64_t decodeAll(VideoFile& f) {
  int64_t n = 0;
  while (f.nextFrame()) ++n;
  return n;
}
bool anyContains(const std::vector<std::string>& lines, const std::string& fragment) {
  for (const auto& l : lines)
    if (l.find(fragment) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST(pens_rotation_and_facts) {
  VideoFile f(dataFile("pens.mp4"));
  const VideoInfo& i = f.info();
  CHECK_EQ(i.codec, std::string("h264"));
  CHECK_EQ(i.pixelFormat, std::string("yuvj420p"));
  CHECK_EQ(i.width, 176);
  CHECK_EQ(i.height, 144);
  CHECK_EQ(i.rotation, 90);  // display matrix -90 degrees: the CLI turns it clockwise
  CHECK_EQ(i.displayWidth, 144);
  CHECK_EQ(i.displayHeight, 176);
  CHECK_NEAR(i.fps, 2880000.0 / 97649, 1e-9);
  CHECK_EQ(i.containerFrameCount, 64);
  CHECK_NEAR(i.containerDuration, 2.144656, 1e-3);
}

TEST(odd_sizes_and_many_containers) {
  for (const char* name : {"sage-example.mp4", "sage-example.mov", "sage-example.mkv", "sage-example.webm",
                           "sage-example.ogv", "sage-example.flv", "sage-example.wmv", "sage-example.avi"}) {
    VideoFile f(dataFile(name));
    CHECK_EQ(f.info().width, 84);
    CHECK_EQ(f.info().height, 33);
    CHECK_EQ(f.info().rotation, 0);
    CHECK_EQ(decodeAll(f), 2);
  }
}

TEST(codecs_decode) {
  struct Case {
    const char* name;
    const char* codec;
    int64_t frames;
  } cases[] = {{"kphotoalbum-movie.avi", "mjpeg", 68},
               {"mrpt-dummy_video.avi", "ffv1", 10},
               {"Effet_force_magnetique.ogv", "theora", 34},
               {"gtk-logo.webm", "vp9", 140},
               {"balle1-vp9.avi", "vp9", 295},
               {"blue.mpg", "mpeg1video", 24}};
  for (const auto& c : cases) {
    VideoFile f(dataFile(c.name));
    CHECK_EQ(f.info().codec.find(c.codec) != std::string::npos, true);
    CHECK_EQ(decodeAll(f), c.frames);
  }
}

TEST(missing_file) {
  CHECK_THROWS_WITH(VideoFile("/nonexistent/dir/clip.mp4"), "/nonexistent/dir/clip.mp4: no such file");
}

TEST(directory_is_not_a_video) {
  CHECK_THROWS_WITH(VideoFile(SEVILA_TEST_DATA), "is a directory");
}

TEST(zero_byte_file) {
  mediatest::TempDir tmp;
  std::ofstream(tmp.file("empty.mp4")).close();
  CHECK_THROWS_WITH(VideoFile(tmp.file("empty.mp4")), "empty.mp4: the file is empty");
}

TEST(text_file_named_mp4) {
  mediatest::TempDir tmp;
  std::ofstream(tmp.file("notes.mp4")) << "This is not a video, just some notes.\n";
  CHECK_THROWS_WITH(VideoFile(tmp.file("notes.mp4")), "notes.mp4: FFmpeg cannot read it as a video");
}

TEST(random_bytes_do_not_crash_or_hang) {
  mediatest::TempDir tmp;
  std::mt19937 rng(5);
  for (const char* name : {"noise.mpg", "noise.avi", "noise.mp4", "noise.ts"}) {
    std::ofstream out(tmp.file(name), std::ios::binary);
    for (int i = 0; i < 200000; ++i) out.put(static_cast<char>(rng()));
    out.close();
    try {
      VideoFile f(tmp.file(name));
      decodeAll(f);
    } catch (const sevila::Error& e) {
      CHECK(std::string(e.what()).find(name) != std::string::npos);
    }
  }
}

TEST(audio_only_file) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  REQUIRE(mediatest::ffmpeg("-f lavfi -i sine=frequency=440:duration=1 -c:a aac " + tmp.file("audio.mp4")));
  CHECK_THROWS_WITH(VideoFile(tmp.file("audio.mp4")), "audio.mp4: the file has no video stream");
}

TEST(truncated_mp4_without_index) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc=size=160x120:rate=25:duration=2 -c:v libx264 -pix_fmt yuv420p " +
                        tmp.file("full.mp4")));
  const auto bytes = mediatest::readBytes(tmp.file("full.mp4"));
  std::ofstream(tmp.file("cut.mp4"), std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size() / 2));
  // The moov box sits at the end: cut off, the file has no index and cannot be opened.
  CHECK_THROWS_WITH(VideoFile(tmp.file("cut.mp4")), "cut.mp4:");
}

TEST(truncated_mp4_decodes_what_is_there) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc=size=160x120:rate=25:duration=2 -c:v libx264 -pix_fmt yuv420p "
                        "-movflags +faststart " +
                        tmp.file("full.mp4")));
  const auto bytes = mediatest::readBytes(tmp.file("full.mp4"));
  std::ofstream(tmp.file("cut.mp4"), std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size() * 6 / 10));
  VideoFile f(tmp.file("cut.mp4"));
  CHECK_EQ(f.info().containerFrameCount, 50);
  const int64_t n = decodeAll(f);
  CHECK(n > 0);
  CHECK(n < 50);
}

TEST(one_frame_video) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc=size=64x48:rate=25 -frames:v 1 -c:v libx264 -pix_fmt yuv420p " +
                        tmp.file("one.mp4")));
  VideoFile f(tmp.file("one.mp4"));
  CHECK_EQ(decodeAll(f), 1);
}

TEST(absurd_dimensions) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  REQUIRE(mediatest::ffmpeg("-f lavfi -i color=c=red:size=20000x2:rate=5:duration=0.4 -c:v ffv1 " +
                            tmp.file("wide.mkv")));
  CHECK_THROWS_WITH(VideoFile(tmp.file("wide.mkv")), "wide.mkv: absurd picture size 20000x2");
}

TEST(corrupt_middle_decodes_with_warnings) {
  REQUIRE_FFMPEG();
  mediatest::TempDir tmp;
  REQUIRE(
      mediatest::ffmpeg("-f lavfi -i testsrc=size=320x240:rate=25:duration=4 -c:v libx264 -pix_fmt yuv420p "
                        "-movflags +faststart " +
                        tmp.file("ok.mp4")));
  auto bytes = mediatest::readBytes(tmp.file("ok.mp4"));
  std::mt19937 rng(11);
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 3000; ++i)
    bytes[i] = static_cast<uint8_t>(rng());
  std::ofstream(tmp.file("damaged.mp4"), std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  VideoFile f(tmp.file("damaged.mp4"));
  const int64_t n = decodeAll(f);
  CHECK(n > 20);
  CHECK_EQ(n, mediatest::cliFrameCount(tmp.file("damaged.mp4")));  // what FFmpeg itself salvages
  CHECK(f.warnings().count() > 0);
}

TEST(warnings_carry_no_memory_addresses) {
  using sevila::media::ffmpeg_log::withoutAddresses;
  CHECK_EQ(withoutAddresses("[mpegvideo @ 0x55d0c8a1f2c0] ac-tex damaged"),
           std::string("[mpegvideo] ac-tex damaged"));
  CHECK_EQ(withoutAddresses("[h264 @ 0xabc] a [mov,mp4 @ 0x1] b"), std::string("[h264] a [mov,mp4] b"));
  CHECK_EQ(withoutAddresses("no context here"), std::string("no context here"));
}

TEST(afl_fuzz_seed_warns_and_decodes_11_of_12) {
  VideoFile f(dataFile("afl-small_movie.mp4"));
  CHECK_EQ(f.info().containerFrameCount, 12);
  CHECK_EQ(decodeAll(f), 11);
  CHECK(anyContains(f.warnings().snapshot(), "missing picture in access unit"));
  CHECK(!anyContains(f.warnings().snapshot(), "@ 0x"));  // the same file gives the same warnings every run
}

TEST(opencv_doc_box_mp4_corrupt_stream) {
  if (!mediatest::haveOpencvDoc("box.mp4"))
    SKIP("opencv-doc videos not fetched (tests/model/media/fetch_opencv_doc_videos.sh)");
  VideoFile f(mediatest::opencvDocFile("box.mp4"));
  CHECK_EQ(decodeAll(f), 455);
  CHECK(anyContains(f.warnings().snapshot(), "non-intra slice in an IDR NAL unit"));
}

TEST(warnings_stay_with_their_file_across_threads) {
  std::vector<std::string> afl, clean;
  std::thread a([&] {
    for (int k = 0; k < 3; ++k) {
      VideoFile f(dataFile("afl-small_movie.mp4"));
      decodeAll(f);
      afl = f.warnings().snapshot();
    }
  });
  std::thread b([&] {
    for (int k = 0; k < 3; ++k) {
      VideoFile f(dataFile("kphotoalbum-movie.avi"));
      decodeAll(f);
      clean = f.warnings().snapshot();
    }
  });
  a.join();
  b.join();
  CHECK(anyContains(afl, "missing picture"));
  CHECK(!anyContains(clean, "missing picture"));
}

MINITEST_MAIN
