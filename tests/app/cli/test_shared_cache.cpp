// One feature cache folder shared by processes writing at once: two `sevila run`s over the same 12
// questions start together on an empty cache, so they encode and store the same entries at the same
// moments, then run again on the filled cache. Every answer matches a run without a cache, no temporary
// file is left, and every entry in the folder is whole: it loads under its own key.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/feature_cache.h"
#include "killed_child.h"
#include "nextqa_videos.h"
#include "minitest.h"
#include "nn/safetensors.h"

namespace fs = std::filesystem;

namespace {

const fs::path kWork = fs::path(SEVILA_BINARY_DIR) / "test_shared_cache";
using clitest::kData;

std::map<std::string, nlohmann::json> results(const fs::path& path) {
  std::map<std::string, nlohmann::json> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    out[j.at("qid").dump()] = j;
  }
  return out;
}

// Same answers and keyframes; scores equal up to float rounding (a frame found in the cache spares its
// batch-mates a smaller batch through the encoder, which rounds differently in the last bits).
bool sameAnswers(const std::map<std::string, nlohmann::json>& a,
                 const std::map<std::string, nlohmann::json>& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [qid, x] : a) {
    const auto it = b.find(qid);
    if (it == b.end()) return false;
    const auto& y = it->second;
    if (x.at("prediction") != y.at("prediction") || x.at("keyframes") != y.at("keyframes")) return false;
    for (size_t i = 0; i < x.at("frames").size(); ++i)
      if (std::abs(x["frames"][i]["yes_logit"].get<double>() - y["frames"][i]["yes_logit"].get<double>()) >
          1e-5)
        return false;
  }
  return true;
}

}  // namespace

TEST(two_processes_fill_one_cache_at_once) {
  fs::remove_all(kWork);
  clitest::copyNextqaVideos(kWork);
  {
    killtest::KilledChild reference(clitest::nextqaRun(kWork, kWork / "reference.jsonl", ""));
    REQUIRE(reference.finish());
  }
  const auto reference = results(kWork / "reference.jsonl");
  REQUIRE(reference.size() == 12);

  const std::string cache = (kWork / "features").string();
  for (const char* round : {"cold", "warm"}) {
    const fs::path a = kWork / (std::string(round) + "-a.jsonl"),
                   b = kWork / (std::string(round) + "-b.jsonl");
    killtest::KilledChild first(clitest::nextqaRun(kWork, a, cache));
    killtest::KilledChild second(clitest::nextqaRun(kWork, b, cache));
    REQUIRE(first.finish());
    REQUIRE(second.finish());
    CHECK(sameAnswers(results(a), reference));
    CHECK(sameAnswers(results(b), reference));
  }

  int entries = 0;
  sevila::engine::FeatureCache reader(cache, uint64_t(1) << 30);
  for (const auto& e : fs::recursive_directory_iterator(cache)) {
    if (!e.is_regular_file()) continue;
    if (e.path().extension() != ".safetensors") {
      minitest::fail(__FILE__, __LINE__, "left behind: " + e.path().string());
      continue;
    }
    // The entry's own key, from its metadata: "video|frame|vision|preprocessing".
    const std::string text = sevila::nn::SafetensorsFile::open(e.path().string())->metadata().at("key");
    std::vector<std::string> parts;
    std::stringstream split(text);
    for (std::string part; std::getline(split, part, '|');) parts.push_back(part);
    REQUIRE(parts.size() == 4);
    const sevila::engine::FeatureKey key{parts[0], std::stoll(parts[1]), parts[2], parts[3]};
    CHECK(reader.pathOf(key) == e.path().string());
    CHECK(reader.load(key).has_value());
    ++entries;
  }
  CHECK(entries == 24);  // 8 sampled frames of each of the 3 videos
  CHECK_EQ(reader.stats().damaged, int64_t(0));
  std::printf("two processes at once on one cache: %d entries, all whole; answers equal to an uncached run\n",
              entries);
}

int main(int argc, char** argv) {
  return minitest::runAll(argc, argv);
}
