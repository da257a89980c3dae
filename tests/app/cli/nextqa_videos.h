// The CLI tests' small NExT-QA setup: the three real videos under NExT-QA's numeric names (one in a
// sub-folder, found recursively), and a `sevila run` over tests/data/cli/nextqa_12.csv with the tiny
// model, 8 frames and 3 keyframes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace clitest {

inline const std::string kData = SEVILA_TEST_DATA;

// Copies the videos into `dir`/videos (made anew).
inline void copyNextqaVideos(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  fs::remove_all(dir / "videos");
  fs::create_directories(dir / "videos" / "0001");
  fs::copy_file(kData + "/media/pens.mp4", dir / "videos" / "1001.mp4");
  fs::copy_file(kData + "/media/Effet_force_magnetique.ogv", dir / "videos" / "0001" / "1002.ogv");
  fs::copy_file(kData + "/media/kphotoalbum-movie.avi", dir / "videos" / "1003.avi");
}

// `sevila run` of the 12 questions into `out`; `cache` empty: --no-cache.
inline std::vector<std::string> nextqaRun(const std::filesystem::path& dir, const std::filesystem::path& out,
                                          const std::string& cache) {
  std::vector<std::string> args = {SEVILA_CLI,      "run",
                                   "--dataset",     "nextqa",
                                   "--annotations", kData + "/cli/nextqa_12.csv",
                                   "--videos",      (dir / "videos").string(),
                                   "--out",         out.string(),
                                   "--frames",      "8",
                                   "--keyframes",   "3",
                                   "--model",       kData + "/golden/tiny-a",
                                   "--sevila",      kData + "/golden/tiny-a/sevila.pth",
                                   "--tokenizer",   kData + "/golden/tokenizer/tiny_t5.model",
                                   "--threads",     "1"};
  if (cache.empty()) {
    args.push_back("--no-cache");
  } else {
    args.push_back("--cache");
    args.push_back(cache);
  }
  return args;
}

}  // namespace clitest
