// The feature cache and the results file under faults: a video edited in place, entries cut or zeroed by
// a crash, a cache on a read-only or full disk, a results file on a full disk. Each gives a recompute or
// a clear message, never a wrong feature and never damage to what was already written. The disk cases
// mount a tiny tmpfs in a mount namespace of this test's own (root); without root they skip visibly.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <torch/torch.h>

#include "../media/media_test_util.h"
#include "core/error.h"
#include "engine/chain_result.h"
#include "engine/feature_cache.h"
#include "engine/forward_chain.h"
#include "engine/results_file.h"
#include "minitest.h"
#include "tiny_model.h"
#include "nn/sevila_model.h"
#include "private_mounts.h"

namespace fs = std::filesystem;
using namespace sevila::engine;

namespace {
const std::string kData = SEVILA_TEST_DATA;
const fs::path kWork = fs::path(SEVILA_BINARY_DIR) / "test_feature_cache_faults";

using testmodel::tinyModel;

Question question() {
  Question q;
  q.qid = "q1";
  q.question = "is the screen green?";
  q.options = {"yes", "no"};
  return q;
}

ChainOptions options() {
  ChainOptions o;
  o.frames = 8;
  o.keyframes = 2;
  return o;
}

std::vector<double> logits(const ChainResult& r) {
  std::vector<double> out;
  for (const auto& f : r.frames) out.push_back(f.yesLogit);
  return out;
}

double maxDifference(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return 1e300;
  double most = 0;
  for (size_t i = 0; i < a.size(); ++i) most = std::max(most, std::abs(a[i] - b[i]));
  return most;
}

ChainResult answerWith(const std::string& video, std::shared_ptr<FeatureCache> cache) {
  SevilaEngine engine(tinyModel(), std::move(cache));  // a new session: only the disk is shared
  return engine.run(video, question(), options());
}

std::string bytesOf(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// 48 frames of 64x64 at 8 fps, uncompressed: grey, with frames 16..31 in `middle`. Two such files have
// the same size and differ only in the middle: the first and last 64 KiB are the same bytes.
fs::path rawVideo(const std::string& name, const std::string& middle) {
  const fs::path path = kWork / (name + ".avi");
  if (fs::exists(path)) return path;
  fs::create_directories(kWork);
  const std::string filter = "[0][1]overlay=enable='between(n,16,31)',format=yuv420p";
  REQUIRE(mediatest::ffmpeg("-f lavfi -i color=c=0x808080:s=64x64:r=8:d=6 -f lavfi -i color=c=" + middle +
                            ":s=64x64:r=8:d=6 -filter_complex " + mediatest::quote(filter) +
                            " -c:v rawvideo -fflags +bitexact -flags:v +bitexact " +
                            mediatest::quote(path.string())));
  return path;
}

std::vector<fs::path> entryFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  return files;
}
}  // namespace

TEST(a_video_edited_in_place_gets_fresh_features) {
  if (!mediatest::haveFfmpeg()) SKIP("the ffmpeg CLI is not installed");
  const fs::path grey = rawVideo("grey", "0x808080");
  const fs::path green = rawVideo("green", "0x20c020");
  const std::string a = bytesOf(grey), b = bytesOf(green);
  REQUIRE(a.size() == b.size() && a != b);
  // The edit is in the middle only: a key made from the file's ends would not see it.
  REQUIRE(a.compare(0, 65536, b, 0, 65536) == 0);
  REQUIRE(a.compare(a.size() - 65536, 65536, b, b.size() - 65536, 65536) == 0);

  const fs::path video = kWork / "edited.avi";
  fs::remove_all(kWork / "edit-cache");
  fs::copy_file(grey, video, fs::copy_options::overwrite_existing);
  auto cache = std::make_shared<FeatureCache>((kWork / "edit-cache").string(), 1 << 26);
  const ChainResult before = answerWith(video.string(), cache);
  CHECK(cache->stats().stores > 0);
  {
    std::fstream f(video, std::ios::in | std::ios::out | std::ios::binary);  // in place: same inode, size
    f.write(b.data(), static_cast<std::streamsize>(b.size()));
  }
  const ChainResult after = answerWith(video.string(), cache);
  const ChainResult fresh = answerWith(green.string(), nullptr);
  CHECK(logits(after) == logits(fresh));
  CHECK(logits(after) != logits(before));  // frames 21 and 27 turned green
  // And the unedited content is still served from the cache.
  const int64_t hits = cache->stats().hits;
  fs::copy_file(grey, kWork / "copy-of-grey.avi", fs::copy_options::overwrite_existing);
  CHECK(logits(answerWith((kWork / "copy-of-grey.avi").string(), cache)) == logits(before));
  CHECK(cache->stats().hits > hits);
}

TEST(entries_cut_or_zeroed_by_a_crash_are_recomputed) {
  fs::remove_all(kWork / "damaged");
  FeatureCache cache((kWork / "damaged").string(), 1 << 20);
  const FeatureKey key{"1-0123456789abcdef", 3, "vit", "224"};
  const at::Tensor features = torch::randn({16, 32});
  const std::vector<std::pair<std::string, std::function<void(const fs::path&)>>> crashes = {
      {"emptied", [](const fs::path& p) { fs::resize_file(p, 0); }},
      {"cut in the header", [](const fs::path& p) { fs::resize_file(p, 7); }},
      {"cut in the data", [](const fs::path& p) { fs::resize_file(p, fs::file_size(p) - 100); }},
      {"zeroed",
       [](const fs::path& p) {
         std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
         f.write(std::string(fs::file_size(p), '\0').data(), static_cast<std::streamsize>(fs::file_size(p)));
       }},
      {"zeroed data",
       [](const fs::path& p) {
         std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
         f.seekp(-512, std::ios::end);
         f.write(std::string(512, '\0').data(), 512);
       }},
  };
  int damaged = 0;
  for (const auto& [what, crash] : crashes) {
    REQUIRE(cache.store(key, features));
    crash(cache.pathOf(key));
    if (cache.load(key).has_value()) minitest::fail(__FILE__, __LINE__, "an entry " + what + " was used");
    CHECK_EQ(cache.stats().damaged, ++damaged);
    CHECK(!fs::exists(cache.pathOf(key)));  // removed, so the next store writes it anew
  }
  REQUIRE(cache.store(key, features));
  const auto back = cache.load(key);
  REQUIRE(back.has_value());
  CHECK(torch::equal(*back, features));
}

TEST(a_cache_on_a_read_only_disk_serves_and_answers) {
  const std::string dir = (kWork / "read-only").string();
  faults::unmount(dir);
  if (!faults::mountSmallDisk(dir, 8 << 20)) SKIP("needs root for a mount namespace of its own");
  const std::string pens = kData + "/media/pens.mp4";
  const ChainResult filled = answerWith(pens, std::make_shared<FeatureCache>(dir, 1 << 26));
  REQUIRE(faults::remount(dir, true));
  auto cache = std::make_shared<FeatureCache>(dir, 1 << 26);
  const ChainResult served = answerWith(pens, cache);
  CHECK(logits(served) == logits(filled));
  CHECK_EQ(cache->stats().hits, int64_t(8));
  // A video it has no entries for: encoded, answered, and a warning says the cache could not keep it.
  const std::string other = kData + "/media/kphotoalbum-movie.avi";
  const ChainResult answered = answerWith(other, cache);
  CHECK(logits(answered) == logits(answerWith(other, nullptr)));
  CHECK(cache->stats().storeFailures > 0);
  bool warned = false;
  for (const std::string& w : answered.warnings)
    warned |= w.find("feature cache could not keep") != std::string::npos;
  CHECK(warned);
  faults::unmount(dir);
}

TEST(a_cache_on_a_full_disk_answers_and_leaves_no_debris) {
  const std::string dir = (kWork / "full-cache").string();
  faults::unmount(dir);
  if (!faults::mountSmallDisk(dir, 256 << 10)) SKIP("needs root for a mount namespace of its own");
  faults::fillDisk(dir);
  fs::remove(dir + "/filler");  // then fill all but a few kB: some entries fit, then the disk is full
  {
    std::ofstream f(dir + "/filler", std::ios::binary);
    f << std::string((256 << 10) - 24 * 1024, 'x');
  }
  auto cache = std::make_shared<FeatureCache>(dir + "/features", 1 << 26);
  const std::string pens = kData + "/media/pens.mp4";
  const ChainResult r = answerWith(pens, cache);
  CHECK(logits(r) == logits(answerWith(pens, nullptr)));
  CHECK(cache->stats().storeFailures > 0);
  CHECK(cache->lastStoreError().find("disk") != std::string::npos);
  for (const fs::path& f : entryFiles(dir + "/features")) {
    CHECK(f.extension() == ".safetensors");  // no temporary files left behind
  }
  // What did fit is whole: a new cache on the same folder serves it exactly.
  auto again = std::make_shared<FeatureCache>(dir + "/features", 1 << 26);
  // The frames that did not fit are encoded again, in a smaller batch: equal up to float rounding.
  CHECK(maxDifference(logits(answerWith(pens, again)), logits(r)) < 1e-5);
  CHECK(again->stats().hits > 0);
  CHECK_EQ(again->stats().damaged, int64_t(0));
  faults::unmount(dir);
}

TEST(a_results_file_on_a_full_disk_keeps_its_whole_lines) {
  const std::string dir = (kWork / "full-results").string();
  faults::unmount(dir);
  if (!faults::mountSmallDisk(dir, 64 << 10)) SKIP("needs root for a mount namespace of its own");
  const std::string path = dir + "/results.jsonl";
  ChainResult r = answerWith(kData + "/media/pens.mp4", nullptr);
  int written = 0;
  std::string error;
  try {
    ResultsWriter writer(path);
    for (;; ++written) {
      r.qid = "q" + std::to_string(written);
      writer.append(r);
    }
  } catch (const sevila::Error& e) {
    error = e.what();
  }
  CHECK(written > 3);
  CHECK(error.find(path) != std::string::npos);  // names the file
  CHECK(error.find("No space left on device") != std::string::npos);
  const ResultsRead read = readResults(path);
  CHECK(!read.truncatedTail);
  CHECK(read.problems.empty());
  REQUIRE(static_cast<int>(read.results.size()) == written);
  for (int i = 0; i < written; ++i) CHECK_EQ(read.results[i].qid, "q" + std::to_string(i));
  faults::unmount(dir);
}

int main(int argc, char** argv) {
  faults::enterPrivateMounts();
  return minitest::runAll(argc, argv);
}
