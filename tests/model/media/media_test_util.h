// Helpers shared by the media tests: test data paths, a temporary folder, the ffmpeg CLI (to generate
// videos and to extract reference frames) and image comparison.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "media/rgb_image.h"
#include "minitest.h"
#include "temp_dir.h"

namespace mediatest {

inline std::string dataFile(const std::string& name) {
  return std::string(SEVILA_TEST_DATA) + "/media/" + name;
}

// opencv-doc's videos, fetched by fetch_opencv_doc_videos.sh into <build>/opencv-doc-videos.
inline std::string opencvDocFile(const std::string& name) {
  return std::string(SEVILA_BINARY_DIR) + "/opencv-doc-videos/" + name;
}
inline bool haveOpencvDoc(const std::string& name) {
  return std::filesystem::exists(opencvDocFile(name));
}

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline bool haveFfmpeg() {
  static const bool have = std::system("ffmpeg -version >/dev/null 2>&1") == 0;
  return have;
}
#define REQUIRE_FFMPEG() \
  if (!::mediatest::haveFfmpeg()) SKIP("the ffmpeg CLI is not installed")

// Runs `ffmpeg -v error -y ARGS`; true on success.
inline bool ffmpeg(const std::string& args) {
  const std::string cmd = "ffmpeg -nostdin -hide_banner -v error -y " + args + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// ffprobe's count of decoded frames (nb_read_frames), -1 when ffprobe fails.
inline long long cliFrameCount(const std::string& video) {
  const std::string cmd =
      "ffprobe -v quiet -count_frames -select_streams v:0 -show_entries stream=nb_read_frames "
      "-of default=noprint_wrappers=1:nokey=1 " +
      quote(video);
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return -1;
  long long n = -1;
  if (std::fscanf(pipe, "%lld", &n) != 1) n = -1;
  pclose(pipe);
  return n;
}

using ::sevila::testing::TempDir;

inline std::vector<uint8_t> readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// The ffmpeg CLI's RGB24 frames number `indices` (ascending, decoded-frame numbers), after its
// autorotation and `scale` (e.g. "scale=224:224:flags=bilinear"; empty for the full size).
inline std::vector<uint8_t> cliFrames(const std::string& video, const std::vector<int64_t>& indices,
                                      const std::string& scale, const TempDir& tmp) {
  std::string select = "select='";
  for (std::size_t i = 0; i < indices.size(); ++i)
    select += (i ? "+" : "") + std::string("eq(n\\,") + std::to_string(indices[i]) + ")";
  select += "'";
  const std::string out = tmp.file("cli_frames.rgb");
  std::filesystem::remove(out);
  const std::string vf = select + (scale.empty() ? "" : "," + scale);
  if (!ffmpeg("-i " + quote(video) + " -an -vf " + quote(vf) + " -vsync 0 -f rawvideo -pix_fmt rgb24 " +
              quote(out)))
    return {};
  return readBytes(out);
}

struct Diff {
  double psnr = 0;  // dB, infinity when identical
  int maxAbs = 0;
  double meanAbs = 0;
};

// Compares an image with `width*height*3` bytes at `offset` of `reference`.
inline Diff compare(const sevila::media::RgbImage& image, const std::vector<uint8_t>& reference,
                    std::size_t offset) {
  Diff d;
  double se = 0, ae = 0;
  const std::size_t n = static_cast<std::size_t>(image.width) * image.height * 3;
  if (reference.size() < offset + n) {
    d.psnr = -1;
    d.maxAbs = 256;
    return d;
  }
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* row = image.row(y);
    for (int x = 0; x < 3 * image.width; ++x) {
      const int e = int(row[x]) - int(reference[offset + static_cast<std::size_t>(y) * image.width * 3 + x]);
      se += double(e) * e;
      ae += std::abs(e);
      if (std::abs(e) > d.maxAbs) d.maxAbs = std::abs(e);
    }
  }
  const double mse = se / n;
  d.meanAbs = ae / n;
  d.psnr = mse == 0 ? INFINITY : 10 * std::log10(255.0 * 255.0 / mse);
  return d;
}

}  // namespace mediatest
