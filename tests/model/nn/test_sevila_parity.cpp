// Parity of SeViLA's two roles with the golden references (tests/data/golden/tiny-*): the backbone plus
// sevila.pth, run through dumpSevila, must reproduce every sevila.*, train.*, vision.ln_vision*,
// qformer*, projection* tensor: max|ours − ref| ≤ 1e-4 · max(1, max|ref|) for floats, exact for
// integers. Each comparison prints its label, max abs error and scaled error.
//
// SEVILA_TEST_DEVICE=cuda runs it on a GPU at the same tolerance in f32 (TF32 off). SEVILA_TEST_DTYPE=bf16
// runs the roles in bf16: then keyframes, tokens, answers and pseudo-labels must still be exact, and the
// float error is printed (bf16 keeps 8 bits of mantissa: it is documented, not held to 1e-4).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include <ATen/Context.h>
#include <torch/torch.h>

#include "golden_compare.h"
#include "golden_sevila_case.h"
#include "minitest.h"
#include "test_device_choice.h"
#include "nn/blip2_trace.h"
#include "nn/device.h"
#include "nn/safetensors.h"
#include "nn/sevila_dump.h"
#include "nn/sevila_model.h"

using namespace sevila::nn;

namespace {

const std::string kGolden = std::string(SEVILA_TEST_DATA) + "/golden/";

c10::ScalarType testDtype() {
  const char* d = std::getenv("SEVILA_TEST_DTYPE");
  return parseDtype(d && *d ? d : "f32");
}

std::string familyOf(const std::string& name) {
  for (const char* f :
       {"sevila.loc.", "sevila.ans.", "sevila.frame_ans.", "train.grad.", "qformer_loc.", "qformer."})
    if (name.rfind(f, 0) == 0) return f;
  return name;
}

bool expected(const std::string& name) {
  auto starts = [&](const char* p) { return name.rfind(p, 0) == 0; };
  return starts("sevila.") || starts("train.") || starts("vision.ln_vision") || starts("qformer.") ||
         starts("qformer_loc.") || starts("projection");
}

void checkCase(const std::string& name, int minimumCompared) {
  const auto device = testDevice();
  const auto dtype = testDtype();
  std::printf("== %s + sevila.pth on %s, %s\n", name.c_str(), device.str().c_str(), dtypeName(dtype).c_str());
  const GoldenSevilaCase testCase(name, device, dtype);
  const auto& ref = testCase.outputs;
  const auto ours = dumpSevila(*testCase.model, testCase.inputs);
  golden::Comparison r;
  r.strictFloats = dtype == at::kFloat;  // bf16: floats reported, integers still exact
  for (const auto& [key, value] : ref) {
    if (!expected(key)) continue;
    auto it = ours.find(key);
    if (it == ours.end()) {
      std::printf("  %-36s NOT PRODUCED\n", key.c_str());
      ++r.failed;
      continue;
    }
    r.compare(key, it->second, value, familyOf(key));
  }
  std::printf("   %d tensors compared, %d above tolerance; worst scaled error per family:\n", r.compared,
              r.failed);
  for (const auto& [family, worst] : r.worstByFamily) std::printf("     %-28s %.3e\n", family.c_str(), worst);
  CHECK_EQ(r.failed, 0);
  CHECK(r.compared >= minimumCompared);
}

}  // namespace

TEST(sevilaParityTinyA) {
  checkCase("tiny-a", 27);
}
TEST(sevilaParityTinyB) {
  checkCase("tiny-b", 29);
}

// Without a SeViLA checkpoint both roles are the zero-shot BLIP-2 bridge: the Localizer's visual
// tokens are the backbone's (golden blip2.projection), and differ from the SeViLA Localizer's.
TEST(zeroShotLocalizerIsTheBackbone) {
  const std::string dir = kGolden + "tiny-a";
  auto model = SevilaModel::load(dir);
  CHECK(model->zeroShot());
  CHECK(model->network().hasLocalizer());
  const auto inputs = loadSafetensors(dir + "/inputs.safetensors");
  const auto ref = loadSafetensors(dir + "/outputs.safetensors");
  torch::NoGradGuard noGrad;
  const auto image = model->network().encodeFrames(inputs.at("pixel_values"));
  const auto loc = model->network().visualTokens(image, Role::Localizer);
  const auto& blip2 = ref.at("blip2.projection");
  const double scale = std::max(1.0, blip2.abs().max().item<double>());
  const double err = (loc - blip2).abs().max().item<double>() / scale;
  const double fromSevila = (loc - ref.at("projection_loc")).abs().max().item<double>() / scale;
  std::printf("  zero-shot Localizer vs blip2.projection: scaled %.3e; vs SeViLA's projection_loc: %.3e\n",
              err, fromSevila);
  CHECK(err <= 1e-4);
  CHECK(fromSevila > 1e-3);
}

MINITEST_MAIN
