// Benchmark: SeViLA's 32 frames of a one-minute 1080p H.264 video (generated with the ffmpeg CLI on
// first run, kept in <build>/bench-media). Prints the one-time frame-index pass (a full decode with
// the loop filter and IDCT skipped, then cached) and the sampling itself with a warm index, for an
// x264-default GOP (keyint 250) and a 2-second GOP. The index comes from the container's packets (checked
// by decoding both ends); reads split over two decoders unless --parallel 1.
// Usage: bench_media [--threads N] [--repeat R] [--parallel 0|1|2]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "media/frame_index.h"
#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "media/frame_tensor.h"

using namespace sevila::media;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}
// Process CPU time (all threads): what the work costs, whatever else loads the machine.
double cpuSince(std::clock_t c) {
  return double(std::clock() - c) / CLOCKS_PER_SEC;
}

std::string loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one.empty() ? "?" : one;
}

bool generate(const std::string& file, const std::string& gop) {
  if (std::filesystem::exists(file)) return true;
  std::printf("generating %s (one minute, 1920x1080, 30 fps, x264 %s) ...\n", file.c_str(), gop.c_str());
  std::fflush(stdout);
  const std::string cmd =
      "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=60 "
      "-c:v libx264 -preset veryfast -crf 23 " +
      gop + " -pix_fmt yuv420p '" + file + ".tmp.mp4' && mv '" + file + ".tmp.mp4' '" + file + "'";
  return std::system(cmd.c_str()) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 2;
  int repeat = 3;
  int parallel = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--threads")
      threads = std::atoi(argv[i + 1]);
    else if (k == "--parallel")
      parallel = std::atoi(argv[i + 1]);
    else if (k == "--repeat")
      repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  const std::string dir = std::string(SEVILA_BINARY_DIR) + "/bench-media";
  std::filesystem::create_directories(dir);
  std::printf("bench_media: decoder threads %d, hardware threads %u, load average %s\n", threads,
              std::thread::hardware_concurrency(), loadAverage().c_str());
  struct Case {
    const char* name;
    const char* gop;
  } cases[] = {{"1080p60s_gop250.mp4", ""}, {"1080p60s_gop60.mp4", "-g 60"}};
  for (const auto& c : cases) {
    const std::string file = dir + "/" + c.name;
    if (!generate(file, c.gop)) {
      std::fprintf(stderr, "cannot generate %s (is the ffmpeg CLI with libx264 installed?)\n", file.c_str());
      return 1;
    }
    FrameIndexOptions indexOptions;
    indexOptions.diskCache = false;
    indexOptions.memoryCache = true;
    indexOptions.threads = threads;
    clearFrameIndexMemoryCache();
    auto t0 = Clock::now();
    auto c0 = std::clock();
    const auto index = frameIndexFor(file, indexOptions);
    const double indexSeconds = since(t0);
    const double indexCpu = cpuSince(c0);
    std::printf("%s: %lld frames, %zu key frames\n", c.name, static_cast<long long>(index->frameCount()),
                index->keyFrames.size());
    std::printf("  index pass (once per file, then cached):   %.3f s wall, %.3f s CPU\n", indexSeconds,
                indexCpu);

    std::vector<double> rgb, tensor, rgbCpu;
    FrameReaderStats stats;
    for (int r = 0; r < repeat; ++r) {
      t0 = Clock::now();
      c0 = std::clock();
      FrameReaderOptions o;
      o.threads = threads;
      o.parallel = parallel;
      o.index = indexOptions;
      FrameReader reader(file, o);
      const auto indices = sampleFrameIndices(reader.index().frameCount(), 32, reader.info().fps);
      const auto images = reader.read(indices, modelFrameFormat());
      rgb.push_back(since(t0));
      rgbCpu.push_back(cpuSince(c0));
      stats = reader.stats();
      t0 = Clock::now();
      VideoFramesOptions vo;
      vo.reader = o;
      const VideoFrames v = loadVideoFrames(file, vo);
      tensor.push_back(since(t0));
      if (v.pixels.size(0) != 32 || images.size() != 32) return 1;
    }
    std::sort(rgb.begin(), rgb.end());
    std::sort(tensor.begin(), tensor.end());
    std::sort(rgbCpu.begin(), rgbCpu.end());
    std::printf(
        "  32 frames -> 224x224 RGB (open + seek + decode): median %.3f s wall (min %.3f), %.3f s CPU, "
        "%d seeks, %lld of %lld pictures decoded%s\n",
        rgb[rgb.size() / 2], rgb.front(), rgbCpu[rgbCpu.size() / 2], stats.seeks,
        static_cast<long long>(stats.decoded), static_cast<long long>(index->frameCount()),
        stats.parallelReads ? " (two decoders)" : "");
    std::printf("  32 frames -> [32,3,224,224] tensor:             median %.3f s (min %.3f)\n",
                tensor[tensor.size() / 2], tensor.front());
  }
  return 0;
}
