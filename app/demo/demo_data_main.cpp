// sevila-demo-data: generates the synthetic "shapes" videos and questions that the project's demo model
// is trained on (app/demo/demo_split.h lists the files, shape_questions.h the questions). Not installed: a
// developer tool. Links no LibTorch.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "demo_split.h"

namespace {

void printHelp() {
  std::printf(
      "Usage: sevila-demo-data --out DIR --videos N --seed S [--split-name NAME] [--first-id ID]\n"
      "                        [--ffmpeg PATH] [--jobs J] [--frames N] [--min-size PX] [--max-size PX]\n"
      "                        [--min-distractors N] [--max-distractors N]\n\n"
      "Generates N synthetic videos of coloured shapes (128x128, 10 fps, 6.4-9.6 s, h264) with two "
      "questions\n"
      "each, whose answers only a few frames show:\n"
      "  DO  what colour is the star?\n"
      "  TC  what colour is the shape that crosses the grey line?\n"
      "both with the options red, green, blue, yellow, white.\n\n"
      "Writes DIR/videos/<id>.mp4, DIR/NAME.csv (NExT-QA format), DIR/NAME-events.jsonl (the frames that\n"
      "show each answer) and DIR/NAME-keyframes.jsonl (ground-truth keyframes on the uniform grid of N\n"
      "frames, for `sevila refine --labels`). The same seed gives the same files.\n\n"
      "  --out DIR          output folder (created)\n"
      "  --videos N         number of videos\n"
      "  --seed S           random seed (an unsigned integer)\n"
      "  --split-name NAME  file name of the split (default train)\n"
      "  --first-id ID      id of the first video (default 1); give each split of a folder its own range\n"
      "  --ffmpeg PATH      the ffmpeg CLI (default: ffmpeg in PATH)\n"
      "  --jobs J           videos made at once (default: the number of cores)\n"
      "  --frames N         the trainer's sampled frames per video, the keyframes' grid (default 32)\n"
      "  --min-size PX, --max-size PX\n"
      "                     sides of the shapes' boxes on the 128x128 stage (default 40 to 50)\n"
      "  --min-distractors N, --max-distractors N\n"
      "                     shapes that are neither the star nor the crossing one (default 1 to 2)\n\n"
      "Example: sevila-demo-data --out data/shapes --videos 600 --seed 1\n"
      "         sevila-demo-data --out data/shapes --videos 100 --seed 2 --split-name val --first-id "
      "100001\n");
}

// A whole non-negative number, or a sevila::Error naming the option.
unsigned long long number(const std::string& option, const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 19)
    throw sevila::Error(option, "expected a whole non-negative number, got '" + text + "'");
  return std::stoull(text);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h") {
    printHelp();
    return words.empty() ? 2 : 0;
  }
  // A dead ffmpeg must turn into an error message, not kill us on the next write to its pipe.
  ::signal(SIGPIPE, SIG_IGN);
  try {
    sevila::demo::SplitOptions options;
    options.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    bool haveOut = false, haveVideos = false, haveSeed = false;
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      const auto value = [&]() -> const std::string& {
        if (i + 1 >= words.size()) throw sevila::Error(w, "needs a value", "see sevila-demo-data --help");
        return words[++i];
      };
      if (w == "--out") {
        options.outDir = value();
        haveOut = true;
      } else if (w == "--videos") {
        options.videos = static_cast<int>(std::min(number(w, value()), 10000000ull));
        haveVideos = true;
      } else if (w == "--seed") {
        options.seed = number(w, value());
        haveSeed = true;
      } else if (w == "--split-name") {
        options.splitName = value();
      } else if (w == "--first-id") {
        options.firstId = static_cast<int64_t>(std::min(number(w, value()), 1000000000000ull));
      } else if (w == "--ffmpeg") {
        options.ffmpeg = value();
      } else if (w == "--jobs") {
        options.jobs = static_cast<int>(std::min(number(w, value()), 256ull));
      } else if (w == "--frames") {
        options.scene.gridFrames = static_cast<int>(std::min(number(w, value()), 100000ull));
      } else if (w == "--min-size") {
        options.scene.minSize = static_cast<int>(std::min(number(w, value()), 100000ull));
      } else if (w == "--max-size") {
        options.scene.maxSize = static_cast<int>(std::min(number(w, value()), 100000ull));
      } else if (w == "--min-distractors") {
        options.scene.minDistractors = static_cast<int>(std::min(number(w, value()), 1000ull));
      } else if (w == "--max-distractors") {
        options.scene.maxDistractors = static_cast<int>(std::min(number(w, value()), 1000ull));
      } else {
        throw sevila::Error(w, "unknown option", "see sevila-demo-data --help");
      }
    }
    if (!haveOut || !haveVideos || !haveSeed)
      throw sevila::Error("arguments", "--out, --videos and --seed are required",
                          "see sevila-demo-data --help");
    options.progress = [](int done, int total) {
      if (done % 50 == 0 || done == total) std::fprintf(stderr, "  %d/%d videos\n", done, total);
    };
    const auto s = sevila::demo::generateSplit(options);
    std::printf("wrote %d videos and %d questions: %s, %s, %s\n", s.videos, s.questions, s.csv.c_str(),
                s.events.c_str(), s.keyframes.c_str());
    std::printf(
        "keyframes per question on the %d-frame grid: mean %.2f (min %d, max %d); "
        "chance top-4 hit rate %.1f %%\n",
        options.scene.gridFrames, s.meanEventPositions, s.minEventPositions, s.maxEventPositions,
        100 * s.chanceHitRate);
    return 0;
  } catch (const sevila::Error& e) {
    std::fprintf(stderr, "sevila-demo-data: error: %s: %s\n", e.subject().c_str(), e.reason().c_str());
    if (!e.hint().empty()) std::fprintf(stderr, "hint: %s\n", e.hint().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sevila-demo-data: internal error: %s\n", e.what());
    return 3;
  }
}
