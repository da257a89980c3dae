// Parity of the BLIP-2 backbone with the golden references (tests/data/golden): every tensor the
// library computes is compared with the reference's, max|ours − ref| ≤ 1e-4 · max(1, max|ref|) for
// floats, exact for integers. Each comparison prints its label, max abs error and scaled error.
#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <set>
#include <string>

#include <ATen/Context.h>
#include <torch/torch.h>

#include "golden_compare.h"
#include "minitest.h"
#include "test_device_choice.h"
#include "nn/blip2_model.h"
#include "nn/sevila_checkpoint.h"
#include "nn/blip2_trace.h"
#include "nn/config.h"
#include "nn/device.h"
#include "nn/safetensors.h"

using namespace sevila::nn;

namespace {

const std::string kGolden = std::string(SEVILA_TEST_DATA) + "/golden/";

// Which reference names a case must have produced by this library (backbone only; the SeViLA roles
// and training outputs belong to other tests).
bool expected(const std::string& name, Flavour flavour) {
  auto starts = [&](const char* p) { return name.rfind(p, 0) == 0; };
  if (flavour == Flavour::Lavis)
    return starts("vision.") || starts("blip2.") || starts("t5.") || starts("qformer.") ||
           starts("qformer_loc.") || name == "projection" || name == "projection_loc";
  return starts("vision.") || starts("qformer.") || name == "projection" || starts("t5.") ||
         starts("generate.");
}

golden::Comparison runCase(const std::string& name, Flavour flavour) {
  const std::string dir = kGolden + name;
  std::printf("== %s (%s flavour, %s)\n", name.c_str(), flavourName(flavour).c_str(),
              testDevice().str().c_str());
  auto model = Blip2ModelImpl::load(dir, flavour, testDevice());
  const auto inputs = loadSafetensors(dir + "/inputs.safetensors");
  const auto ref = loadSafetensors(dir + "/outputs.safetensors");
  TraceOptions options;
  if (ref.count("generate.scores")) options.maxNewTokens = ref.at("generate.scores").size(1);
  auto ours = traceBlip2(*model, inputs, options);
  if (flavour == Flavour::Lavis) {  // the roles, with the SeViLA checkpoint on top of the backbone
    auto sevila = Blip2ModelImpl::load(dir, flavour, testDevice());
    const auto report = applySevilaCheckpoint(*sevila, dir + "/sevila.pth");
    std::printf(
        "  sevila.pth: %lld Answerer and %lld Localizer parameters replaced, %lld unused tensors ignored\n",
        static_cast<long long>(report.answererTensors), static_cast<long long>(report.localizerTensors),
        static_cast<long long>(report.ignoredTensors));
    for (auto& [key, value] : traceBlip2(*sevila, inputs, options)) ours.emplace(key, value);
  }

  golden::Comparison r;
  for (const auto& [key, value] : ref) {
    if (!expected(key, flavour)) continue;
    auto it = ours.find(key);
    if (it == ours.end()) {
      std::printf("  %-44s NOT PRODUCED\n", key.c_str());
      ++r.failed;
      continue;
    }
    if (key == "generate.scores") {
      // After a row emitted EOS, HF keeps computing it with pad fed back: compare up to its EOS step.
      const auto ids = ref.at("generate.ids");
      for (int64_t row = 0; row < value.size(0); ++row) {
        int64_t steps = value.size(1);
        for (int64_t s = 1; s < ids.size(1); ++s)
          if (ids[row][s].item<int64_t>() == 1) {
            steps = s;
            break;
          }
        r.compare(key + "[" + std::to_string(row) + ", :" + std::to_string(steps) + "]",
                  it->second[row].narrow(0, 0, steps), value[row].narrow(0, 0, steps));
      }
      continue;
    }
    r.compare(key, it->second, value);
  }
  std::printf("   %d tensors compared, %d above tolerance, worst scaled error %.3e\n", r.compared, r.failed,
              r.worst);
  return r;
}

void checkCase(const std::string& name, Flavour flavour, int minimumCompared) {
  const golden::Comparison r = runCase(name, flavour);
  CHECK_EQ(r.failed, 0);
  CHECK(r.compared >= minimumCompared);
}

}  // namespace

TEST(parityTinyA) {
  checkCase("tiny-a", Flavour::Lavis, 32);
}
TEST(parityTinyB) {
  checkCase("tiny-b", Flavour::Lavis, 37);
}
TEST(parityHfA) {
  checkCase("hf-a", Flavour::Hf, 28);
}
TEST(parityHfB) {
  checkCase("hf-b", Flavour::Hf, 35);
}

// The same weights in the other flavour must NOT reproduce the reference where the flavours differ
// (post-norm eps, T5 activation): proves the flavour switch is wired through.
TEST(flavourMatters) {
  auto model = Blip2ModelImpl::load(kGolden + "hf-b", Flavour::Lavis);
  const auto inputs = loadSafetensors(kGolden + "hf-b/inputs.safetensors");
  const auto ref = loadSafetensors(kGolden + "hf-b/outputs.safetensors");
  torch::NoGradGuard g;
  auto image = model->encodeFrames(inputs.at("pixel_values"));
  CHECK_NEAR(model->vision_model->post_layernorm->options.eps(), 1e-5, 1e-12);
  auto tokens = model->visualTokens(image);
  auto embeds = torch::cat({tokens, model->language_model->embed(inputs.at("input_ids"))}, 1);
  auto mask = torch::cat({torch::ones({2, tokens.size(1)}, torch::kLong), inputs.at("attention_mask")}, 1);
  auto logits = model->language_model->decode(inputs.at("decoder_input_ids"),
                                              model->language_model->encode(embeds, mask), mask);
  const double diff = (logits - ref.at("t5.logits")).abs().max().item<double>();
  std::printf("  hf-b under lavis numerics: max|d logits| %.3e (must exceed the tolerance)\n", diff);
  CHECK(diff > 1e-4 * std::max(1.0, ref.at("t5.logits").abs().max().item<double>()));
}

// Frames of another size: the patch grid's position embeddings are resized bicubically (LAVIS
// interpolate_pos_embed); the configured size uses them unchanged.
TEST(vitAcceptsOtherFrameSizes) {
  auto model = Blip2ModelImpl::load(kGolden + "tiny-a", Flavour::Lavis);
  torch::NoGradGuard g;
  const auto frames = torch::randn({3, 3, 42, 42});
  const auto out = model->encodeFrames(frames);
  CHECK(out.sizes() == c10::IntArrayRef({3, 10, 48}));  // 1 + 3x3 tokens
  CHECK(torch::isfinite(out).all().item<bool>());
  // A constant position grid stays constant after interpolation: then only the class token differs.
  auto& emb = model->vision_model->embeddings;
  emb->position_embedding.fill_(0.5);
  const auto patchPart =
      emb->forward(frames).narrow(1, 1, 9) - emb->patch_embedding->forward(frames).flatten(2).transpose(1, 2);
  CHECK_NEAR(patchPart.min().item<double>(), 0.5, 1e-5);
  CHECK_NEAR(patchPart.max().item<double>(), 0.5, 1e-5);
  CHECK_THROWS_WITH(model->encodeFrames(torch::randn({1, 3, 30, 28})), "multiple of 14");
}

MINITEST_MAIN
