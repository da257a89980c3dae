// Applying SeViLA checkpoints onto a backbone: the golden sevila.pth replaces the Answerer's bridge and
// fills the Localizer's; a file missing a role, with a mis-shaped, integer or unknown tensor, a partial
// frozen part, a hostile or broken .pth → one sevila::Error naming the file and the problem, and the
// model afterwards is exactly as before (nothing half-loaded).
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include <torch/torch.h>

#include "minitest.h"
#include "nn/blip2_model.h"
#include "core/error.h"
#include "nn/safetensors.h"
#include "nn/sevila_checkpoint.h"
#include "nn/sevila_model.h"
#include "nn/weight_names.h"
#include "zip_writer.h"

using namespace sevila::nn;

namespace {

const std::string kCase = std::string(SEVILA_TEST_DATA) + "/golden/tiny-a";
const std::string kPth = kCase + "/sevila.pth";

std::string tempPath(const std::string& name) {
  const std::string dir = std::string(SEVILA_BINARY_DIR) + "/test_tmp";
  ::mkdir(dir.c_str(), 0755);
  return dir + "/sevila_ckpt." + std::to_string(::getpid()) + "." + name;
}

std::map<std::string, at::Tensor> snapshot(Blip2ModelImpl& model) {
  std::map<std::string, at::Tensor> out;
  for (const auto& p : model.named_parameters()) out[p.key()] = p.value().detach().clone();
  return out;
}

// Every parameter (names and values) equals the snapshot.
bool unchanged(Blip2ModelImpl& model, const std::map<std::string, at::Tensor>& before) {
  const auto now = model.named_parameters();
  if (now.size() != before.size()) return false;
  for (const auto& p : now) {
    auto it = before.find(p.key());
    if (it == before.end() || !p.value().detach().equal(it->second)) return false;
  }
  return true;
}

std::shared_ptr<Blip2ModelImpl> freshModel() {
  auto model = Blip2ModelImpl::load(kCase, Flavour::Lavis);
  model->attachLocalizer();
  return model;
}

// Projection of frame 0 through both roles, to show the model still runs.
std::pair<at::Tensor, at::Tensor> run(Blip2ModelImpl& model) {
  torch::NoGradGuard g;
  const auto inputs = loadSafetensors(kCase + "/inputs.safetensors");
  const auto image = model.encodeFrames(inputs.at("pixel_values").narrow(0, 0, 2));
  return {model.visualTokens(image, Role::Answerer), model.visualTokens(image, Role::Localizer)};
}

// Applies a damaged state dict; expects an error with `fragment` and the file name, and no change.
void expectRefused(const std::map<std::string, at::Tensor>& dict, const char* fragment) {
  auto model = freshModel();
  const auto before = snapshot(*model);
  const auto outputs = run(*model);
  std::string message;
  try {
    applySevilaStateDict(*model, dict, "damaged.pth");
  } catch (const sevila::Error& e) {
    message = e.what();
  }
  std::printf("  refused: %s\n", message.substr(0, message.find('\n')).c_str());
  CHECK(!message.empty());
  CHECK(message.find("damaged.pth") != std::string::npos);
  if (message.find(fragment) == std::string::npos) std::printf("  (expected '%s')\n", fragment);
  CHECK(message.find(fragment) != std::string::npos);
  CHECK(unchanged(*model, before));
  const auto again = run(*model);
  CHECK(again.first.equal(outputs.first));
  CHECK(again.second.equal(outputs.second));
}

std::map<std::string, at::Tensor> without(std::map<std::string, at::Tensor> dict,
                                          const std::string& fragment) {
  for (auto it = dict.begin(); it != dict.end();)
    it = it->first.find(fragment) != std::string::npos ? dict.erase(it) : std::next(it);
  return dict;
}

}  // namespace

TEST(appliesBothRoles) {
  auto model = Blip2ModelImpl::load(kCase, Flavour::Lavis);
  const auto backboneQuery = model->query_tokens.detach().clone();
  const auto dict = readSevilaStateDict(kPth);
  const auto report = applySevilaCheckpoint(*model, kPth);
  std::printf("  answerer %lld, localizer %lld, vision %lld, language %lld, ignored %lld\n",
              (long long)report.answererTensors, (long long)report.localizerTensors,
              (long long)report.visionTensors, (long long)report.languageTensors,
              (long long)report.ignoredTensors);
  REQUIRE(model->hasLocalizer());
  // Every bridge parameter is loaded: ln (2) + query (1) + projection (2) + the Q-Former's.
  const int64_t bridge = static_cast<int64_t>(model->localizer->parameters().size());
  CHECK_EQ(report.answererTensors, bridge);
  CHECK_EQ(report.localizerTensors, bridge);
  CHECK_EQ(report.visionTensors, int64_t{0});
  CHECK_EQ(report.languageTensors, int64_t{0});
  CHECK(report.ignoredTensors > 0);  // the Q-Former's text FFN
  CHECK(model->query_tokens.equal(dict.at("query_tokens")));
  CHECK(!model->query_tokens.equal(backboneQuery));
  CHECK(model->localizer->query_tokens.equal(dict.at("query_tokens_loc")));
  CHECK(model->localizer->language_projection->weight.equal(dict.at("t5_proj_loc.weight")));
  CHECK(model->vision_model->post_layernorm->weight.equal(dict.at("ln_vision.weight")));
  CHECK(model->localizer->post_layernorm->bias.equal(dict.at("ln_vision_loc.bias")));
  CHECK(model->qformer->named_parameters()["encoder.layer.0.attention.attention.query.weight"].equal(
      dict.at("Qformer.bert.encoder.layer.0.attention.self.query.weight")));
  CHECK(model->localizer->qformer->named_parameters()["encoder.layer.0.crossattention.attention.key.weight"]
            .equal(dict.at("Qformer_loc.bert.encoder.layer.0.crossattention.self.key.weight")));
  // Applying again onto an attached Localizer swaps the values in place: same result.
  applySevilaCheckpoint(*model, kPth);
  CHECK(model->localizer->query_tokens.equal(dict.at("query_tokens_loc")));
}

TEST(convertsToTheModelsDtype) {
  auto model = Blip2ModelImpl::load(kCase, Flavour::Lavis, c10::Device(c10::kCPU), c10::kBFloat16);
  applySevilaCheckpoint(*model, kPth);
  // bf16 on the CPU: the roles' Linear weights in bf16, the rest f32 with the checkpoint's exact values.
  const auto dict = readSevilaStateDict(kPth);
  auto loc = model->localizer->qformer->named_parameters();
  CHECK(loc["encoder.layer.0.crossattention.attention.key.weight"].scalar_type() == c10::kBFloat16);
  CHECK(
      loc["encoder.layer.0.crossattention.attention.key.weight"]
          .to(at::kFloat)
          .allclose(dict.at("Qformer_loc.bert.encoder.layer.0.crossattention.self.key.weight"), 1e-2, 1e-2));
  CHECK(loc["layernorm.weight"].scalar_type() == c10::kFloat);
  CHECK(model->localizer->query_tokens.equal(dict.at("query_tokens_loc")));
  CHECK(model->query_tokens.equal(dict.at("query_tokens")));
  CHECK(model->localizer->language_projection->bias.equal(dict.at("t5_proj_loc.bias")));
}

TEST(refusesACheckpointWithoutTheLocalizer) {
  expectRefused(without(readSevilaStateDict(kPth), "_loc"), "holds no Localizer");
}

TEST(refusesACheckpointWithoutTheAnswerer) {
  auto dict = readSevilaStateDict(kPth);
  for (auto it = dict.begin(); it != dict.end();)
    it = it->first.find("_loc") == std::string::npos ? dict.erase(it) : std::next(it);
  expectRefused(dict, "holds no Answerer");
}

TEST(refusesAnIncompleteRole) {
  expectRefused(
      without(readSevilaStateDict(kPth), "Qformer_loc.bert.encoder.layer.1.output_query.dense.weight"),
      "Qformer_loc.bert.encoder.layer.1.output_query.dense.weight");
}

TEST(refusesAMisShapedTensor) {
  auto dict = readSevilaStateDict(kPth);
  dict["t5_proj_loc.weight"] = torch::zeros({3, 5});
  expectRefused(dict, "t5_proj_loc.weight [3, 5]");
}

TEST(refusesAnIntegerTensor) {
  auto dict = readSevilaStateDict(kPth);
  dict["ln_vision.bias"] = dict["ln_vision.bias"].to(at::kLong);
  expectRefused(dict, "integer");
}

TEST(refusesAnUnknownName) {
  auto dict = readSevilaStateDict(kPth);
  dict["Qformer_loc.bert.encoder.layer.7.attention.self.query.weight"] = torch::zeros({2, 2});
  dict["mystery.weight"] = torch::zeros({2});
  expectRefused(dict, "mystery.weight");
}

TEST(refusesAPartialFrozenPart) {
  auto dict = readSevilaStateDict(kPth);
  dict["visual_encoder.cls_token"] = torch::zeros({1, 1, 48});
  expectRefused(dict, "vision encoder (visual_encoder.*) is incomplete");
}

// A file that also carries the frozen T5 under LAVIS names (t5_model.*) is accepted and written.
TEST(acceptsFrozenPartsInLavisNames) {
  auto model = freshModel();
  auto dict = readSevilaStateDict(kPth);
  for (const auto& p : model->language_model->named_parameters()) {
    const auto key = checkpointKey("language_model." + p.key(), CheckpointLayout::Lavis);
    REQUIRE(key.has_value());
    dict[key->keys.front()] = p.value().detach().clone() + 1.0;  // recognisably different
  }
  const auto lmHead = model->language_model->lm_head->weight.detach().clone();
  const auto report = applySevilaStateDict(*model, dict, "with_t5.pth");
  CHECK_EQ(report.languageTensors, static_cast<int64_t>(model->language_model->parameters().size()));
  CHECK(model->language_model->lm_head->weight.equal(lmHead + 1.0));
}

TEST(refusesHostileAndBrokenFiles) {
  auto model = freshModel();
  const auto before = snapshot(*model);
  // A pickle that would run os.system: refused by the restricted unpickler, nothing executed.
  const std::string marker = tempPath("pwned");
  testzip::Pickle p;
  p.proto().global("os", "system").str("touch " + marker).op('\x85').reduce().stop();
  const std::string hostile = tempPath("hostile.pth");
  {
    std::ofstream out(hostile, std::ios::binary);
    const std::string bytes =
        testzip::build({{"archive/data.pkl", p.bytes()}, {"archive/version", "3\n"}}, true);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  CHECK_THROWS_WITH(applySevilaCheckpoint(*model, hostile), "hostile.pth");
  CHECK(::access(marker.c_str(), F_OK) != 0);
  // Not a zip at all.
  const std::string garbage = tempPath("garbage.pth");
  {
    std::ofstream out(garbage, std::ios::binary);
    out << "this is not a checkpoint";
  }
  CHECK_THROWS_WITH(applySevilaCheckpoint(*model, garbage), "garbage.pth");
  CHECK_THROWS_WITH(applySevilaCheckpoint(*model, tempPath("absent.pth")), "absent.pth");
  // A backbone safetensors file is not a .pth either.
  CHECK_THROWS_WITH(applySevilaCheckpoint(*model, kCase + "/model.safetensors"), "model.safetensors");
  CHECK(unchanged(*model, before));
  ::unlink(hostile.c_str());
  ::unlink(garbage.c_str());
}

TEST(sevilaModelLoadReportsBadPaths) {
  CHECK_THROWS_WITH(SevilaModel::load(kCase, kCase + "/nope.pth"), "nope.pth");
  CHECK_THROWS_WITH(SevilaModel::load(kCase, kPth, kCase + "/nope.model"), "nope.model");
  CHECK_THROWS_WITH(SevilaModel::load(kCase + "/missing-dir", kPth), "missing-dir");
  // Without spiece.model in the folder the model loads, and the text entry points say why they cannot run.
  auto model = SevilaModel::load(kCase, kPth);
  CHECK(!model->hasTokenizer());
  CHECK_THROWS_WITH(model->tokenizer(), "spiece.model");
  CHECK(!model->zeroShot());
  auto withTokenizer =
      SevilaModel::load(kCase, kPth, std::string(SEVILA_TEST_DATA) + "/golden/tokenizer/tiny_t5.model");
  CHECK(withTokenizer->hasTokenizer());
  CHECK_EQ(withTokenizer->tokenizer().eosId(), int64_t{1});
}

// An Answerer-only file is allowed when asked for: the Localizer stays the model's own.
TEST(optionalRoles) {
  auto model = freshModel();
  const auto locBefore = model->localizer->query_tokens.detach().clone();
  const auto dict = without(readSevilaStateDict(kPth), "_loc");
  SevilaCheckpointOptions options;
  options.requireLocalizer = false;
  const auto report = applySevilaStateDict(*model, dict, "answerer_only.pth", options);
  CHECK_EQ(report.localizerTensors, int64_t{0});
  CHECK(model->localizer->query_tokens.equal(locBefore));
  CHECK(model->query_tokens.equal(dict.at("query_tokens")));
}

MINITEST_MAIN
