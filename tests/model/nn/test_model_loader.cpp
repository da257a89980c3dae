// The name map and the strict loader: every module parameter has its HF and LAVIS key, a checkpoint
// that does not fit the configuration is refused in one message naming the file and the tensors,
// and a refused load leaves nothing half-done.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <torch/torch.h>
#include <torch/version.h>

#include "minitest.h"
#include "nn/blip2_model.h"
#include "nn/sevila_checkpoint.h"
#include "core/error.h"
#include "nn/model_loader.h"
#include "nn/safetensors.h"
#include "nn/weight_names.h"

using namespace sevila::nn;
namespace fs = std::filesystem;

namespace {
const std::string kGolden = std::string(SEVILA_TEST_DATA) + "/golden/";

// A scratch model directory: tiny-a's config + the given tensors.
std::string makeModelDir(const std::string& name, const std::map<std::string, at::Tensor>& tensors,
                         const std::string& configFrom = "tiny-a") {
  const fs::path dir = fs::path(SEVILA_BINARY_DIR) / "test_tmp" / "model_loader" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(kGolden + configFrom + "/config.json", dir / "config.json");
  saveSafetensors((dir / "model.safetensors").string(), tensors);
  return dir.string();
}

// The first key as a value (the optional is a temporary).
std::string key(const std::string& path, CheckpointLayout layout) {
  const auto k = checkpointKey(path, layout);
  return k ? k->keys.front() : std::string("<none>");
}

std::map<std::string, at::Tensor> tinyA() {
  return loadSafetensors(kGolden + "tiny-a/model.safetensors");
}
}  // namespace

TEST(nameMapHuggingFaceAndLavis) {
  using L = CheckpointLayout;
  CHECK_EQ(key("vision_model.encoder.layers.3.mlp.fc1.weight", L::HuggingFace),
           std::string("vision_model.encoder.layers.3.mlp.fc1.weight"));
  CHECK(!checkpointKey("localizer.query_tokens", L::HuggingFace));
  CHECK_EQ(key("vision_model.embeddings.class_embedding", L::Lavis), std::string("visual_encoder.cls_token"));
  CHECK_EQ(key("vision_model.embeddings.patch_embedding.weight", L::Lavis),
           std::string("visual_encoder.patch_embed.proj.weight"));
  CHECK_EQ(key("vision_model.encoder.layers.7.self_attn.projection.bias", L::Lavis),
           std::string("visual_encoder.blocks.7.attn.proj.bias"));
  CHECK_EQ(key("vision_model.encoder.layers.7.layer_norm2.weight", L::Lavis),
           std::string("visual_encoder.blocks.7.norm2.weight"));
  const auto qkv = checkpointKey("vision_model.encoder.layers.0.self_attn.qkv.bias", L::Lavis);
  REQUIRE(qkv.has_value());
  CHECK(qkv->assembly == CheckpointKey::Assembly::QkvBias);
  CHECK_EQ(qkv->keys.at(0), std::string("visual_encoder.blocks.0.attn.q_bias"));
  CHECK_EQ(qkv->keys.at(1), std::string("visual_encoder.blocks.0.attn.v_bias"));
  CHECK_EQ(key("vision_model.post_layernorm.weight", L::Lavis), std::string("ln_vision.weight"));
  CHECK_EQ(key("localizer.post_layernorm.bias", L::Lavis), std::string("ln_vision_loc.bias"));
  CHECK_EQ(key("qformer.layernorm.weight", L::Lavis),
           std::string("Qformer.bert.embeddings.LayerNorm.weight"));
  CHECK_EQ(key("qformer.encoder.layer.2.attention.attention.query.weight", L::Lavis),
           std::string("Qformer.bert.encoder.layer.2.attention.self.query.weight"));
  CHECK_EQ(key("localizer.qformer.encoder.layer.0.crossattention.attention.key.bias", L::Lavis),
           std::string("Qformer_loc.bert.encoder.layer.0.crossattention.self.key.bias"));
  CHECK_EQ(key("qformer.encoder.layer.0.output_query.LayerNorm.bias", L::Lavis),
           std::string("Qformer.bert.encoder.layer.0.output_query.LayerNorm.bias"));
  CHECK_EQ(key("localizer.query_tokens", L::Lavis), std::string("query_tokens_loc"));
  CHECK_EQ(key("language_projection.weight", L::Lavis), std::string("t5_proj.weight"));
  CHECK_EQ(key("localizer.language_projection.bias", L::Lavis), std::string("t5_proj_loc.bias"));
  CHECK_EQ(key("language_model.encoder.block.0.layer.0.SelfAttention.q.weight", L::Lavis),
           std::string("t5_model.encoder.block.0.layer.0.SelfAttention.q.weight"));
  CHECK(isKnownUnused("qformer.encoder.layer.1.intermediate.dense.weight", L::HuggingFace));
  CHECK(isKnownUnused("qformer.encoder.layer.1.output.LayerNorm.bias", L::HuggingFace));
  CHECK(!isKnownUnused("qformer.encoder.layer.1.output_query.LayerNorm.bias", L::HuggingFace));
  CHECK(isKnownUnused("Qformer_loc.bert.encoder.layer.0.output.dense.weight", L::Lavis));
  CHECK(isKnownUnused("language_model.encoder.embed_tokens.weight", L::HuggingFace));
  CHECK_EQ(aliasKey("language_model.lm_head.weight", L::HuggingFace).value_or(""),
           std::string("language_model.shared.weight"));
}

// Every parameter of a model with both roles maps to a LAVIS key and back (the map is one table).
TEST(nameMapRoundTrip) {
  auto model = Blip2ModelImpl::random(loadBlip2Config(kGolden + "tiny-b/config.json", Flavour::Lavis));
  model->attachLocalizer();
  int checked = 0;
  for (const auto& p : model->named_parameters()) {
    for (auto layout : {CheckpointLayout::HuggingFace, CheckpointLayout::Lavis}) {
      const auto key = checkpointKey(p.key(), layout);
      if (layout == CheckpointLayout::HuggingFace && p.key().rfind("localizer.", 0) == 0) {
        CHECK(!key.has_value());
        continue;
      }
      REQUIRE(key.has_value());
      if (key->assembly == CheckpointKey::Assembly::QkvBias) continue;  // two keys fill one parameter
      const auto back = modulePathOf(key->keys.front(), layout);
      if (!back || *back != p.key())
        std::printf("  round trip broke: %s -> %s\n", p.key().c_str(), key->keys.front().c_str());
      CHECK(back.has_value() && *back == p.key());
      ++checked;
    }
  }
  CHECK(checked > 200);
}

// The backbone renamed to LAVIS names (q_bias / v_bias split out of qkv.bias) loads back through the
// map to the same parameters: the LAVIS side of the table, the [q, 0, v] assembly included.
TEST(loadsTheBackboneFromLavisNames) {
  const auto hf = tinyA();
  std::map<std::string, at::Tensor> lavis;
  for (const auto& [name, value] : hf) {
    if (isKnownUnused(name, CheckpointLayout::HuggingFace)) continue;
    const auto k = checkpointKey(name, CheckpointLayout::Lavis);
    REQUIRE(k.has_value());
    if (k->assembly == CheckpointKey::Assembly::QkvBias) {
      const auto w = value.size(0) / 3;
      lavis[k->keys[0]] = value.narrow(0, 0, w).clone();
      lavis[k->keys[1]] = value.narrow(0, 2 * w, w).clone();
    } else {
      lavis[k->keys.front()] = value;
    }
  }
  CHECK(lavis.count("visual_encoder.blocks.1.attn.q_bias") == 1);
  CHECK(lavis.count("Qformer.bert.encoder.layer.0.crossattention.self.value.weight") == 1);
  lavis["Qformer.bert.encoder.layer.0.intermediate.dense.weight"] = torch::ones({64, 32});  // LAVIS text FFN
  auto model = Blip2ModelImpl::random(loadBlip2Config(kGolden + "tiny-a/config.json", Flavour::Lavis));
  const auto report =
      loadParameters(*model, *tensorMapStore("lavis.pth", lavis), {CheckpointLayout::Lavis, false});
  CHECK_EQ(report.parametersLoaded, static_cast<int64_t>(model->named_parameters().size()));
  CHECK_EQ(report.ignoredTensors, 1);
  for (const auto& p : model->named_parameters()) {
    const bool same = p.value().equal(hf.at(p.key()));
    if (!same) std::printf("  differs after LAVIS load: %s\n", p.key().c_str());
    CHECK(same);
  }
}

TEST(loadsTheGoldenBackboneStrictly) {
  auto store = openSafetensorsStore(kGolden + "tiny-a");
  auto model = Blip2ModelImpl::random(loadBlip2Config(kGolden + "tiny-a/config.json", Flavour::Lavis));
  const auto report = loadParameters(*model, *store);
  CHECK_EQ(report.parametersLoaded, static_cast<int64_t>(model->named_parameters().size()));
  CHECK_EQ(report.ignoredTensors, 2 * 6);  // the Q-Former text FFN of 2 layers (6 tensors each)
  CHECK(model->query_tokens.equal(tinyA().at("query_tokens")));
}

TEST(refusesMisshapedMissingUnexpectedAndWrongType) {
  auto tensors = tinyA();
  tensors["qformer.layernorm.weight"] = torch::ones({31});
  tensors.erase("language_projection.bias");
  tensors["vision_model.extra.weight"] = torch::ones({2});
  tensors["query_tokens"] = torch::ones({1, 4, 32}, torch::kLong);
  const auto dir = makeModelDir("bad", tensors);
  CHECK_THROWS_WITH(Blip2ModelImpl::load(dir, Flavour::Lavis), (dir + "/model.safetensors").c_str());
  CHECK_THROWS_WITH(Blip2ModelImpl::load(dir, Flavour::Lavis), "4 problems");
  CHECK_THROWS_WITH(Blip2ModelImpl::load(dir, Flavour::Lavis),
                    "missing tensors (1): language_projection.bias");
  CHECK_THROWS_WITH(Blip2ModelImpl::load(dir, Flavour::Lavis),
                    "qformer.layernorm.weight [31] where the configuration needs [32]");
  CHECK_THROWS_WITH(Blip2ModelImpl::load(dir, Flavour::Lavis),
                    "unexpected tensors (1): vision_model.extra.weight");
  CHECK_THROWS_WITH(Blip2ModelImpl::load(dir, Flavour::Lavis), "query_tokens (stored as an integer tensor)");
}

TEST(refusesACheckpointOfOtherSizes) {
  // hf-a's config with tiny-a's weights: every width differs.
  const auto dir = makeModelDir("other_sizes", tinyA(), "hf-a");
  CHECK_THROWS_WITH(Blip2ModelImpl::load(dir, Flavour::Hf), "does not fit the model configuration");
  CHECK_THROWS_WITH(Blip2ModelImpl::load(dir, Flavour::Hf), "where the configuration needs");
  CHECK_THROWS_WITH(Blip2ModelImpl::load("/nonexistent/model", Flavour::Hf), "not a model directory");
}

TEST(refusedLoadChangesNothing) {
  auto tensors = tinyA();
  tensors["language_model.lm_head.weight"] = torch::ones({4352, 31});
  auto store = tensorMapStore("broken.safetensors", tensors);
  auto model = Blip2ModelImpl::random(loadBlip2Config(kGolden + "tiny-a/config.json", Flavour::Lavis));
  const auto before = model->vision_model->embeddings->class_embedding.clone();
  CHECK_THROWS_WITH(loadParameters(*model, *store), "broken.safetensors");
  CHECK(model->vision_model->embeddings->class_embedding.equal(before));  // checked first, copied never

  // A SeViLA overlay that does not fit leaves no Localizer behind.
  auto good = Blip2ModelImpl::load(kGolden + "tiny-a", Flavour::Lavis);
  CHECK_THROWS_WITH(applySevilaCheckpoint(*good, kGolden + "tiny-b/sevila.pth"), "sevila.pth");
  CHECK(!good->hasLocalizer());
}

// A config that ties the head to the embeddings, with a checkpoint that still stores lm_head.weight:
// Hugging Face loads it (the head is `shared`, the stored head ignored), so we do, and we warn when the
// stored head is not `shared`.
TEST(tiedHeadStoredInTheCheckpointLoadsAsHuggingFaceDoes) {
  auto tensors = tinyA();
  const auto tiedDir = [&](const std::string& name, const std::map<std::string, at::Tensor>& t) {
    const auto dir = makeModelDir(name, t);
    std::ifstream in(dir + "/config.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string from = "\"tie_word_embeddings\": false";
    const auto at = text.find(from);
    CHECK(at != std::string::npos);
    text.replace(at, from.size(), "\"tie_word_embeddings\": true");
    std::ofstream(dir + "/config.json") << text;
    return dir;
  };
  // The stored head differs from `shared` (tiny-a's head is its own random matrix): loads, with a warning.
  const auto differing = tiedDir("tied_differs", tensors);
  auto model = Blip2ModelImpl::load(differing, Flavour::Lavis);
  CHECK(model->config().text.tie_word_embeddings);
  CHECK(model->language_model->lm_head.is_empty());
  CHECK_EQ(model->loadWarnings().size(), size_t(1));
  CHECK(model->loadWarnings().front().find("language_model.lm_head.weight differs from "
                                           "language_model.shared.weight") != std::string::npos);
  CHECK(model->language_model->shared->weight.equal(tensors.at("language_model.shared.weight")));
  // The tied head is `shared` scaled by d_model^-0.5.
  torch::NoGradGuard noGrad;
  const auto hidden = torch::randn({1, 2, model->config().text.d_model});
  const auto expected = torch::matmul(hidden / std::sqrt(double(model->config().text.d_model)),
                                      tensors.at("language_model.shared.weight").t());
  CHECK(torch::allclose(model->language_model->head(hidden), expected, 1e-5, 1e-6));

  // A stored head equal to `shared`: no warning.
  tensors["language_model.lm_head.weight"] = tensors.at("language_model.shared.weight").clone();
  CHECK(Blip2ModelImpl::load(tiedDir("tied_equal", tensors), Flavour::Lavis)->loadWarnings().empty());
}

TEST(refusesPrecisionsTheDeviceCannotRun) {
#if TORCH_VERSION_MAJOR < 2
  CHECK_THROWS_WITH(
      Blip2ModelImpl::load(kGolden + "tiny-a", Flavour::Lavis, c10::Device(c10::kCPU), c10::kHalf),
      "f16 does not run on the CPU");
#else
  SKIP("LibTorch 2.x runs f16 on the CPU");
#endif
}

// bf16 on the CPU: the Linear and Embedding weights in bf16, everything else (and the arithmetic) f32.
TEST(storesBf16MatricesUnderF32ArithmeticOnTheCpu) {
  auto f32 = Blip2ModelImpl::load(kGolden + "tiny-a", Flavour::Lavis);
  auto bf16 =
      Blip2ModelImpl::load(kGolden + "tiny-a", Flavour::Lavis, c10::Device(c10::kCPU), c10::kBFloat16);
  CHECK(bf16->dtype() == c10::kFloat);
  CHECK(bf16->weightDtype() == c10::kBFloat16);
  CHECK_EQ(bf16->precisionName(), std::string("bf16 weights, f32 arithmetic"));
  CHECK_EQ(f32->precisionName(), std::string("f32"));
  auto params = bf16->named_parameters();
  auto wide = f32->named_parameters();
  CHECK(params["vision_model.encoder.layers.0.self_attn.qkv.weight"].scalar_type() == c10::kBFloat16);
  CHECK(params["language_model.shared.weight"].scalar_type() == c10::kBFloat16);
  CHECK(params["qformer.encoder.layer.0.crossattention.attention.key.weight"].scalar_type() ==
        c10::kBFloat16);
  CHECK(params["vision_model.embeddings.patch_embedding.weight"].scalar_type() == c10::kFloat);
  int64_t narrowBytes = 0, allBytes = 0;
  for (const auto& p : params) {
    const at::Tensor& t = p.value();
    allBytes += t.numel() * static_cast<int64_t>(t.element_size());
    if (t.scalar_type() == c10::kBFloat16) {
      narrowBytes += t.numel() * 2;
      CHECK(t.dim() == 2);
    } else {  // kept f32, loaded from the file without a detour through bf16
      CHECK(t.scalar_type() == c10::kFloat);
      CHECK(t.equal(wide[p.key()]));
    }
  }
  std::printf("  %.1f %% of the weights' bytes in bf16\n", 100.0 * narrowBytes / allBytes);
  CHECK(narrowBytes > allBytes * 8 / 10);
  const auto pixels = loadSafetensors(kGolden + "tiny-a/inputs.safetensors").at("pixel_values");
  torch::NoGradGuard g;
  const auto a = f32->visualTokens(f32->encodeFrames(pixels));
  const auto b = bf16->visualTokens(bf16->encodeFrames(pixels)).to(torch::kFloat);
  const double scaled = (a - b).abs().max().item<double>() / std::max(1.0, a.abs().max().item<double>());
  std::printf("  bf16 vs f32 visual tokens: scaled error %.3e\n", scaled);
  CHECK(scaled < 5e-2);
  CHECK(scaled > 0.0);
}

MINITEST_MAIN
