// `sevila model dump` as users run it (a separate process): it must write the golden names with the
// golden values for tiny-a (lavis, with the SeViLA checkpoint) and refuse a bad model directory.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <torch/torch.h>

#include "golden_compare.h"
#include "minitest.h"
#include "nn/safetensors.h"

namespace fs = std::filesystem;

namespace {
const std::string kGolden = std::string(SEVILA_TEST_DATA) + "/golden/";

std::string cli() {
  const char* path = std::getenv("SEVILA_CLI");
  return path ? path : "";
}

int run(const std::string& args) {
  return std::system((cli() + " " + args + " >/dev/null 2>&1").c_str());
}
}  // namespace

TEST(dumpWritesGoldenNamesAndValues) {
  if (cli().empty() || !fs::exists(cli())) SKIP("SEVILA_CLI does not point at the sevila executable");
  const fs::path out = fs::path(SEVILA_BINARY_DIR) / "test_tmp" / "model_dump" / "tiny-a.safetensors";
  fs::create_directories(out.parent_path());
  fs::remove(out);
  const std::string dir = kGolden + "tiny-a";
  REQUIRE(run("model dump --model " + dir + " --inputs " + dir + "/inputs.safetensors --out " + out.string() +
              " --sevila " + dir + "/sevila.pth --threads 1") == 0);
  const auto ours = sevila::nn::loadSafetensors(out.string());
  const auto ref = sevila::nn::loadSafetensors(dir + "/outputs.safetensors");
  int compared = 0;
  for (const char* name :
       {"vision.embeddings", "vision.layer.1", "vision.last_hidden_state", "vision.ln_vision_loc",
        "blip2.projection", "qformer_loc.last_hidden_state", "projection", "t5.encoder.last_hidden_state",
        "t5.decoder.logits", "t5.greedy_ids"}) {
    REQUIRE(ours.count(name) == 1);
    const auto& a = ours.at(name);
    const auto& b = ref.at(name);
    REQUIRE(a.sizes() == b.sizes());
    if (!b.is_floating_point()) {
      CHECK(a.equal(b));
    } else {
      const double scaled = golden::scaledError(a, b);
      std::printf("  %-32s scaled error %.3e\n", name, scaled);
      CHECK(scaled <= golden::kTolerance);
    }
    ++compared;
  }
  CHECK_EQ(compared, 10);
}

TEST(dumpRefusesBadModelDirectory) {
  if (cli().empty() || !fs::exists(cli())) SKIP("SEVILA_CLI does not point at the sevila executable");
  CHECK_EQ(run("model dump --model /nonexistent --inputs " + kGolden +
               "tiny-a/inputs.safetensors --out /dev/null") >>
               8,
           1);
  CHECK_EQ(run("model dump --model " + kGolden + "tiny-a") >> 8, 1);  // --inputs missing
  CHECK_EQ(run("model info --model " + kGolden + "hf-a --flavour hf") >> 8, 0);
  CHECK_EQ(run("model --help") >> 8, 0);
}

MINITEST_MAIN
