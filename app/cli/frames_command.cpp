// `sevila frames`: which frames SeViLA would look at in a video, and the pictures themselves.
// Writes DIR/frames.json (frame count, fps, duration, sampled indices and their timestamps) and one PNG
// per sampled frame: with --size 224 the exact 8-bit RGB 224×224 image the model gets before
// normalisation, otherwise the full-resolution frame (rotation applied).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arguments.h"
#include "option_set.h"
#include "nn/sevila_options.h"
#include "command.h"
#include "media/frame_reader.h"
#include "media/frame_sampler.h"
#include "media/png_file.h"
#include "core/error.h"

namespace {

using namespace sevila;

const cli::OptionSet& declaredOptions() {
  static const cli::OptionSet options =
      cli::OptionSet(
          "sevila frames VIDEO --num N [--clip START END] [--size 224] [--bicubic] --out DIR",
          "Samples N frames as SeViLA does (the middle of N equal intervals; fewer when the video is\n"
          "shorter) and writes DIR/frames.json and DIR/frame_XXX_<index>.png.")
          .value("--num", "N", "frames to sample", std::to_string(nn::sevilaDefaults().frames))
          .value("--clip", "START END", "sample inside this window, in seconds")
          .value("--size", "S",
                 "write the S x S RGB image the model sees (224 for SeViLA); default: full size")
          .flag("--bicubic", "scale with bicubic instead of bilinear interpolation")
          .value("--out", "DIR", "output folder (created)")
          .flag("--no-cache", "do not read or write the frame-index cache");
  return options;
}

int runFrames(std::vector<std::string> args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::printf("%s", declaredOptions().help().c_str());
      return 0;
    }
  // --clip takes two values; take them out before the generic parser sees them.
  std::optional<media::ClipWindow> clip;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != "--clip") continue;
    if (i + 2 >= args.size()) throw Error("--clip", "needs two values: START END (seconds)");
    try {
      clip = media::ClipWindow{std::stod(args[i + 1]), std::stod(args[i + 2])};
    } catch (const std::exception&) {
      throw Error("--clip " + args[i + 1] + " " + args[i + 2], "expected two numbers of seconds");
    }
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
               args.begin() + static_cast<std::ptrdiff_t>(i) + 3);
    break;
  }
  const cli::Arguments a = declaredOptions().parse(args);
  if (a.positionals().size() != 1) throw Error("sevila frames", "expected exactly one VIDEO", "see --help");
  const std::string video = a.positionals().front();
  const std::string out = a.require("--out");
  const int num = a.intValue("--num", nn::sevilaDefaults().frames);
  const int size = a.intValue("--size", 0);
  if (num < 1) throw Error("--num", "must be at least 1");
  if (a.value("--size") && (size < 1 || size > 4096)) throw Error("--size", "must be between 1 and 4096");

  media::FrameReaderOptions options;
  if (a.flag("--no-cache")) options.index.diskCache = false;
  media::FrameReader reader(video, options);
  const auto& info = reader.info();
  const auto indices = media::sampleFrameIndices(reader.index().frameCount(), num, info.fps, clip);
  media::FrameFormat format;
  if (size > 0) format = media::modelFrameFormat();
  if (size > 0) format.width = format.height = size;
  if (a.flag("--bicubic")) format.interpolation = media::Interpolation::Bicubic;
  const auto images = reader.read(indices, format);

  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) throw Error(out, "cannot create the output folder (" + ec.message() + ")");
  nlohmann::json j;
  j["video"] = video;
  j["frame_count"] = info.frameCount;
  j["container_frame_count"] = info.containerFrameCount;
  j["fps"] = info.fps;
  j["duration"] = info.duration;
  j["width"] = info.displayWidth;
  j["height"] = info.displayHeight;
  j["rotation"] = info.rotation;
  j["codec"] = info.codec;
  j["pixel_format"] = info.pixelFormat;
  j["num_requested"] = num;
  if (clip) j["clip"] = {clip->start, clip->end};
  j["size"] = size > 0 ? nlohmann::json(size) : nlohmann::json("full");
  j["indices"] = indices;
  auto times = nlohmann::json::array();
  auto files = nlohmann::json::array();
  for (std::size_t k = 0; k < images.size(); ++k) {
    times.push_back(images[k].seconds);
    char name[64];
    std::snprintf(name, sizeof name, "frame_%03zu_%06lld.png", k, static_cast<long long>(indices[k]));
    media::writePng(images[k], (std::filesystem::path(out) / name).string());
    files.push_back(name);
  }
  j["timestamps"] = times;
  j["files"] = files;
  j["warnings"] = reader.warnings();
  const std::string jsonPath = (std::filesystem::path(out) / "frames.json").string();
  std::ofstream f(jsonPath);
  f << j.dump(2) << "\n";
  if (!f) throw Error(jsonPath, "cannot write");
  std::printf("%s: %lld frames, %.3f fps, %.3f s; wrote %zu frames to %s\n", video.c_str(),
              static_cast<long long>(info.frameCount), info.fps, info.duration, images.size(), out.c_str());
  for (const auto& w : reader.warnings()) std::fprintf(stderr, "warning: %s\n", w.c_str());
  return 0;
}

}  // namespace

namespace sevila::cli {
Command framesCommand() {
  return {"frames", "sample a video's frames as SeViLA does and write them as PNG",
          [](const std::vector<std::string>& args) -> int { return runFrames(args); }};
}
}  // namespace sevila::cli
