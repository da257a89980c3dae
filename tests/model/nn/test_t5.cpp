// Parity and behaviour tests of the Flan-T5 language model (model/nn/t5_*.cpp).
// Golden cases: tiny-a, tiny-b (LAVIS reference, exact GELU) and hf-a, hf-b (Hugging Face transformers,
// tanh GELU; hf-b ties its embeddings). Every float tensor must satisfy
// max|ours - ref| <= 1e-4 * max(1, max|ref|); integer tensors are compared exactly.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "golden_compare.h"
#include "minitest.h"
#include "nn/config.h"
#include "nn/forward_trace.h"
#include "nn/safetensors.h"
#include "nn/t5_attention.h"
#include "nn/t5_layer_norm.h"
#include "nn/t5_model.h"
#include "nn/t5_relative_position.h"

using sevila::nn::Activation;
using sevila::nn::fewQueriesPay;
using sevila::nn::paddingMaskBias;
using sevila::nn::T5Attention;
using sevila::nn::T5AttentionOptions;
using sevila::nn::T5Config;
using sevila::nn::T5Model;
using TensorMap = std::map<std::string, at::Tensor>;

namespace {

const std::string kGolden = std::string(SEVILA_TEST_DATA) + "/golden/";

// The T5 part of a case's config.json, with transformers' T5Config defaults for absent keys.
// lavis cases force exact GELU (as SeViLA does); hf cases take the config's activation (gelu_new = tanh).
T5Config readT5Config(const std::string& caseName, bool hfFlavour) {
  std::ifstream in(kGolden + caseName + "/config.json");
  REQUIRE(in.good());
  const nlohmann::json root = nlohmann::json::parse(in);
  const nlohmann::json& t = root.at("text_config");
  T5Config c;
  c.vocab_size = t.value("vocab_size", 32128);
  c.d_model = t.value("d_model", 512);
  c.d_kv = t.value("d_kv", 64);
  c.d_ff = t.value("d_ff", 2048);
  c.num_layers = t.value("num_layers", 6);
  c.num_decoder_layers = t.value("num_decoder_layers", c.num_layers);
  c.num_heads = t.value("num_heads", 8);
  c.relative_attention_num_buckets = t.value("relative_attention_num_buckets", 32);
  c.relative_attention_max_distance = t.value("relative_attention_max_distance", 128);
  c.layer_norm_epsilon = t.value("layer_norm_epsilon", 1e-6);
  c.tie_word_embeddings = t.value("tie_word_embeddings", true);
  c.is_gated_act = t.value("feed_forward_proj", std::string("relu")).rfind("gated-", 0) == 0;
  REQUIRE(c.is_gated_act);
  c.dense_act_fn = hfFlavour ? Activation::GeluTanh : Activation::GeluExact;
  if (hfFlavour) REQUIRE(t.value("dense_act_fn", std::string()) == "gelu_new");
  return c;
}

// Loads the `language_model.*` tensors of the case's model.safetensors into a fresh T5Model and checks
// that the names match both ways (every parameter found, every stored T5 tensor used).
T5Model loadT5(const std::string& caseName, bool hfFlavour) {
  T5Model model(readT5Config(caseName, hfFlavour));
  model->eval();
  const auto file = sevila::nn::SafetensorsFile::open(kGolden + caseName + "/model.safetensors");
  const std::string prefix = "language_model.";
  std::set<std::string> unused;
  for (const auto& name : file->names())
    if (name.rfind(prefix, 0) == 0) unused.insert(name);
  torch::NoGradGuard noGrad;
  for (auto& p : model->named_parameters()) {
    const std::string key = prefix + p.key();
    if (!file->contains(key)) {
      minitest::fail(__FILE__, __LINE__, "no tensor " + key + " in " + caseName);
      continue;
    }
    const at::Tensor value = file->tensor(key);
    if (!value.sizes().equals(p.value().sizes())) {
      minitest::fail(__FILE__, __LINE__, "shape mismatch for " + key);
      continue;
    }
    p.value().copy_(value);
    unused.erase(key);
  }
  for (const auto& name : unused) minitest::fail(__FILE__, __LINE__, "unused checkpoint tensor " + name);
  return model;
}

// Prints the label and its error, and checks the golden tolerance (tests/support/golden_compare.h).
void compareFloat(const std::string& label, const at::Tensor& ours, const at::Tensor& ref,
                  double* worst = nullptr) {
  golden::Comparison c;
  const bool ok = c.compare(label, ours, ref);
  if (worst) *worst = std::max(*worst, c.worst);
  if (!ok) minitest::fail(__FILE__, __LINE__, label + ": outside the golden tolerance");
}

void compareExact(const std::string& label, const at::Tensor& ours, const at::Tensor& ref) {
  golden::Comparison c;
  if (!c.compare(label, ours.to(at::kLong), ref.to(at::kLong)))
    minitest::fail(__FILE__, __LINE__, label + ": differs");
}

const at::Tensor& need(const TensorMap& m, const std::string& name) {
  const auto it = m.find(name);
  if (it == m.end()) {
    minitest::fail(__FILE__, __LINE__, "missing tensor " + name);
    throw minitest::Abort{};
  }
  return it->second;
}

// Encoder and decoder layer by layer against the reference; returns the worst scaled error.
double compareStacks(const T5Model& model, const TensorMap& out, const TensorMap& traced,
                     const std::string& logitsName) {
  double worst = 0;
  const T5Config& c = model->config();
  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string n = "t5.encoder.layer." + std::to_string(i);
    compareFloat(n, need(traced, n), need(out, n), &worst);
  }
  compareFloat("t5.encoder.last_hidden_state", need(traced, "t5.encoder.last_hidden_state"),
               need(out, "t5.encoder.last_hidden_state"), &worst);
  for (int64_t i = 0; i < c.num_decoder_layers; ++i) {
    const std::string n = "t5.decoder.layer." + std::to_string(i);
    compareFloat(n, need(traced, n), need(out, n), &worst);
  }
  compareFloat(logitsName, need(traced, "t5.decoder.logits"), need(out, logitsName), &worst);
  return worst;
}

void runTinyCase(const std::string& caseName) {
  std::printf("[%s]\n", caseName.c_str());
  T5Model model = loadT5(caseName, /*hfFlavour=*/false);
  const TensorMap in = sevila::nn::loadSafetensors(kGolden + caseName + "/inputs.safetensors");
  const TensorMap out = sevila::nn::loadSafetensors(kGolden + caseName + "/outputs.safetensors");
  torch::NoGradGuard noGrad;
  const T5Config& c = model->config();

  const at::Tensor& embeds = need(out, "t5.inputs_embeds");  // (2, Q+L, D)
  const at::Tensor& mask = need(in, "t5.attention_mask");    // (2, Q+L)
  TensorMap traced;
  auto trace = sevila::nn::ForwardTrace::intoMap(traced);
  const at::Tensor encoded = model->encode(embeds, mask, &trace);
  model->decode(need(in, "t5.decoder_input_ids"), encoded, mask, &trace);
  double worst = compareStacks(model, out, traced, "t5.decoder.logits");

  // Greedy ids of sequence 0, no EOS stop.
  const int64_t steps = need(out, "t5.greedy_ids").size(1);
  const auto gen = model->generate(encoded.slice(0, 0, 1), mask.slice(0, 0, 1), steps, /*stopAtEos=*/false);
  compareExact("t5.greedy_ids", gen.ids.slice(1, 1), need(out, "t5.greedy_ids"));

  // Bucket tables over the encoder length; the stack's own table is the encoder one.
  const int64_t len = embeds.size(1);
  compareExact("t5.encoder.position_buckets", need(traced, "t5.encoder.position_buckets"),
               need(out, "t5.encoder.position_buckets"));
  compareExact("t5.decoder.position_buckets (L=Q+L)",
               sevila::nn::positionBuckets(len, len, false, c.relative_attention_num_buckets,
                                           c.relative_attention_max_distance, torch::kCPU),
               need(out, "t5.decoder.position_buckets"));
  std::printf("  worst scaled error %s: %.3e\n", caseName.c_str(), worst);
}

void runHfCase(const std::string& caseName) {
  std::printf("[%s]\n", caseName.c_str());
  T5Model model = loadT5(caseName, /*hfFlavour=*/true);
  const TensorMap in = sevila::nn::loadSafetensors(kGolden + caseName + "/inputs.safetensors");
  const TensorMap out = sevila::nn::loadSafetensors(kGolden + caseName + "/outputs.safetensors");
  const TensorMap buckets = sevila::nn::loadSafetensors(kGolden + caseName + "/t5_buckets.safetensors");
  const TensorMap scoring = sevila::nn::loadSafetensors(kGolden + caseName + "/scoring.safetensors");
  torch::NoGradGuard noGrad;
  const T5Config& c = model->config();

  const at::Tensor& embeds = need(out, "t5.inputs_embeds");
  const at::Tensor& mask = need(out, "t5.attention_mask");
  TensorMap traced;
  auto trace = sevila::nn::ForwardTrace::intoMap(traced);
  const at::Tensor encoded = model->encode(embeds, mask, &trace);
  model->decode(need(in, "decoder_input_ids"), encoded, mask, &trace);
  double worst = compareStacks(model, out, traced, "t5.logits");
  compareFloat("t5.decoder.last_hidden_state", need(traced, "t5.decoder.last_hidden_state"),
               need(out, "t5.decoder.last_hidden_state"), &worst);
  compareFloat("t5.first_step_logits", model->firstStepLogits(encoded, mask),
               need(out, "t5.first_step_logits"), &worst);

  // generate(): HF greedy with EOS stop; scores compared up to and including each row's EOS step.
  const at::Tensor& refIds = need(out, "generate.ids");
  const at::Tensor& refScores = need(out, "generate.scores");
  const auto gen = model->generate(encoded, mask, refScores.size(1));
  compareExact("generate.ids", gen.ids, refIds);
  if (gen.scores.sizes().equals(refScores.sizes())) {
    for (int64_t row = 0; row < refIds.size(0); ++row) {
      int64_t last = refScores.size(1);  // steps to compare
      for (int64_t s = 0; s < refScores.size(1); ++s)
        if (refIds[row][s + 1].item<int64_t>() == c.eos_token_id) {
          last = s + 1;
          break;
        }
      compareFloat("generate.scores row " + std::to_string(row) + " steps 0.." + std::to_string(last - 1),
                   gen.scores[row].slice(0, 0, last), refScores[row].slice(0, 0, last), &worst);
    }
  } else {
    minitest::fail(__FILE__, __LINE__, "generate.scores shape differs");
  }

  // Buckets: the function over -200..200, the stacks' tables and the bias they select.
  const at::Tensor& rel = need(buckets, "relative_position");
  compareExact("bucket_by_relative_position.bidirectional",
               sevila::nn::relativePositionBucket(rel, true, c.relative_attention_num_buckets,
                                                  c.relative_attention_max_distance),
               need(buckets, "bucket_by_relative_position.bidirectional"));
  compareExact("bucket_by_relative_position.causal",
               sevila::nn::relativePositionBucket(rel, false, c.relative_attention_num_buckets,
                                                  c.relative_attention_max_distance),
               need(buckets, "bucket_by_relative_position.causal"));
  for (const std::string stack : {"encoder", "decoder"}) {
    const std::string b = "t5." + stack + ".position_buckets", p = "t5." + stack + ".position_bias";
    compareExact(b, need(traced, b), need(buckets, b));
    compareFloat(p, need(traced, p), need(buckets, p), &worst);
  }

  // Scoring family: single-step logits over SeViLA-style inputs (per frame, and multi-frame with padding).
  const at::Tensor& frameEmbeds = need(scoring, "frame.inputs_embeds");
  const at::Tensor frameMask = torch::ones({frameEmbeds.size(0), frameEmbeds.size(1)}, torch::kLong);
  const at::Tensor frameEncoded = model->encode(frameEmbeds, frameMask);
  compareFloat("scoring.frame.encoder_last_hidden_state", frameEncoded,
               need(scoring, "frame.encoder_last_hidden_state"), &worst);
  compareFloat("scoring.frame.first_logits", model->firstStepLogits(frameEncoded, frameMask),
               need(scoring, "frame.first_logits"), &worst);
  const at::Tensor& multiMask = need(scoring, "multi.attention_mask");
  const at::Tensor multiEncoded = model->encode(need(scoring, "multi.inputs_embeds"), multiMask);
  compareFloat("scoring.multi.encoder_last_hidden_state", multiEncoded,
               need(scoring, "multi.encoder_last_hidden_state"), &worst);
  compareFloat("scoring.multi.first_logits", model->firstStepLogits(multiEncoded, multiMask),
               need(scoring, "multi.first_logits"), &worst);
  std::printf("  worst scaled error %s: %.3e\n", caseName.c_str(), worst);
}

// A small random model for the behaviour tests.
T5Config smallConfig() {
  T5Config c;
  c.vocab_size = 50;
  c.d_model = 16;
  c.d_kv = 4;
  c.d_ff = 24;
  c.num_layers = 2;
  c.num_decoder_layers = 2;
  c.num_heads = 3;
  c.relative_attention_num_buckets = 8;
  c.relative_attention_max_distance = 16;
  return c;
}

}  // namespace

TEST(parityTinyA) {
  runTinyCase("tiny-a");
}
TEST(parityTinyB) {
  runTinyCase("tiny-b");
}
TEST(parityHfA) {
  runHfCase("hf-a");
}
TEST(parityHfB) {
  runHfCase("hf-b");
}

TEST(bucketFunctionMatchesHandComputedValues) {
  using sevila::nn::relativePositionBucket;
  auto bucketsOf = [](std::vector<int64_t> r, bool bidirectional, int64_t n, int64_t maxDistance) {
    const at::Tensor t =
        relativePositionBucket(torch::tensor(r, torch::kLong), bidirectional, n, maxDistance);
    return std::vector<int64_t>(t.data_ptr<int64_t>(), t.data_ptr<int64_t>() + t.numel());
  };
  // Bidirectional, 32 buckets, max distance 128: 16 per sign, |r| < 8 exact, then
  // 8 + floor(log(|r|/8) / log(16) * 8) clamped to 15; keys after the query add 16.
  CHECK(bucketsOf({0, -1, 1, -7, -8, -15, -20, -128, 128, -1000, 9, 40}, true, 32, 128) ==
        (std::vector<int64_t>{0, 1, 17, 7, 8, 9, 10, 15, 31, 15, 24, 28}));
  // Causal: r > 0 -> 0; |r| < 16 exact, then 16 + floor(log(|r|/16) / log(8) * 16) clamped to 31.
  CHECK(bucketsOf({5, 0, -5, -15, -16, -40, -100, -128, -1000}, false, 32, 128) ==
        (std::vector<int64_t>{0, 0, 5, 15, 16, 23, 30, 31, 31}));
  // tiny-b's settings (16 buckets, max distance 20): long-range buckets saturate early.
  CHECK(bucketsOf({0, -3, -4, -5, -10, -19, -20, 25, 3}, true, 16, 20) ==
        (std::vector<int64_t>{0, 3, 4, 4, 6, 7, 7, 15, 11}));
  // The table is of (key - query): row q, column k.
  const at::Tensor table = sevila::nn::positionBuckets(3, 3, true, 32, 128, torch::kCPU);
  CHECK_EQ(table[0][2].item<int64_t>(), 18);
  CHECK_EQ(table[2][0].item<int64_t>(), 2);
}

TEST(layerNormIsRmsWithoutMeanOrBias) {
  sevila::nn::T5LayerNorm norm(sevila::nn::T5LayerNormOptions(4).eps(0.0));
  torch::NoGradGuard noGrad;
  norm->weight.copy_(torch::tensor({1.0f, 2.0f, 1.0f, 1.0f}));
  const at::Tensor y = norm->forward(torch::tensor({{1.0f, 1.0f, 3.0f, 3.0f}}));  // rms = sqrt(5)
  const double r = std::sqrt(5.0);
  CHECK_NEAR(y[0][0].item<double>(), 1.0 / r, 1e-6);
  CHECK_NEAR(y[0][1].item<double>(), 2.0 / r, 1e-6);
  CHECK_NEAR(y[0][3].item<double>(), 3.0 / r, 1e-6);
}

TEST(parametersCarryCheckpointNames) {
  T5Config c = smallConfig();
  c.tie_word_embeddings = false;
  T5Model model(c);
  std::set<std::string> names;
  for (const auto& p : model->named_parameters()) names.insert(p.key());
  for (const char* n :
       {"shared.weight", "lm_head.weight", "encoder.final_layer_norm.weight",
        "decoder.final_layer_norm.weight",
        "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
        "encoder.block.1.layer.0.SelfAttention.q.weight", "encoder.block.1.layer.1.layer_norm.weight",
        "encoder.block.1.layer.1.DenseReluDense.wi_0.weight",
        "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
        "decoder.block.1.layer.1.EncDecAttention.o.weight",
        "decoder.block.1.layer.2.DenseReluDense.wo.weight"})
    CHECK(names.count(n) == 1);
  // Only block 0 of each stack has the bias; cross-attention never; no copies of the embeddings.
  CHECK(names.count("encoder.block.1.layer.0.SelfAttention.relative_attention_bias.weight") == 0);
  CHECK(names.count("decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight") == 0);
  CHECK(names.count("encoder.embed_tokens.weight") == 0);
  // shared, lm_head, 2 final norms; encoder block (4 + 1) + (3 + 1); decoder block 5 + 5 + 4; 2 biases.
  CHECK_EQ(names.size(), static_cast<size_t>(4 + 2 * 9 + 2 * 14 + 2));
  // Non-gated FFN uses `wi`.
  c.is_gated_act = false;
  c.dense_act_fn = Activation::Relu;
  T5Model plain(c);
  std::set<std::string> plainNames;
  for (const auto& p : plain->named_parameters()) plainNames.insert(p.key());
  CHECK(plainNames.count("encoder.block.0.layer.1.DenseReluDense.wi.weight") == 1);
  CHECK(plainNames.count("encoder.block.0.layer.1.DenseReluDense.wi_0.weight") == 0);
}

TEST(paddingMaskReallyMasks) {
  torch::manual_seed(7);
  T5Model model(smallConfig());
  model->eval();
  torch::NoGradGuard noGrad;
  const int64_t len = 7, padded = 3;
  at::Tensor embeds = torch::randn({2, len, 16});
  at::Tensor mask = torch::ones({2, len}, torch::kLong);
  mask[1].slice(0, len - padded).fill_(0);
  const at::Tensor ids = torch::tensor({{0, 5, 9}, {0, 4, 2}}, torch::kLong);
  const at::Tensor enc = model->encode(embeds, mask);
  const at::Tensor logits = model->decode(ids, enc, mask);

  at::Tensor changed = embeds.clone();
  changed[1][len - 1] += 10.0;  // a padded position of row 1
  const at::Tensor enc2 = model->encode(changed, mask);
  const at::Tensor logits2 = model->decode(ids, enc2, mask);
  CHECK(golden::scaledError(enc2.slice(1, 0, len - padded), enc.slice(1, 0, len - padded)) < 1e-6);
  CHECK(golden::scaledError(logits2, logits) < 1e-6);

  // Control: the same change at an unpadded position does change the outputs.
  at::Tensor changed2 = embeds.clone();
  changed2[1][0] += 10.0;
  const at::Tensor enc3 = model->encode(changed2, mask);
  CHECK(golden::scaledError(enc3.slice(1, 1, len - padded), enc.slice(1, 1, len - padded)) > 1e-3);
  CHECK(golden::scaledError(model->decode(ids, enc3, mask), logits) > 1e-3);
}

TEST(decoderIsCausal) {
  torch::manual_seed(3);
  T5Model model(smallConfig());
  model->eval();
  torch::NoGradGuard noGrad;
  const at::Tensor enc = model->encode(torch::randn({1, 5, 16}), torch::ones({1, 5}, torch::kLong));
  const at::Tensor a = model->decode(torch::tensor({{0, 5, 9, 11}}, torch::kLong), enc, {});
  const at::Tensor b = model->decode(torch::tensor({{0, 5, 9, 30}}, torch::kLong), enc, {});
  CHECK(golden::scaledError(a.slice(1, 0, 3), b.slice(1, 0, 3)) <
        1e-6);  // later tokens do not leak backwards
  CHECK(golden::scaledError(a.slice(1, 3), b.slice(1, 3)) > 1e-4);
}

TEST(tiedHeadScalesAndReusesSharedEmbeddings) {
  torch::manual_seed(5);
  T5Config c = smallConfig();
  c.tie_word_embeddings = true;
  T5Model tied(c);
  tied->eval();
  torch::NoGradGuard noGrad;
  for (const auto& p : tied->named_parameters()) CHECK(p.key().rfind("lm_head", 0) != 0);
  const at::Tensor enc = tied->encode(torch::randn({2, 4, 16}), torch::ones({2, 4}, torch::kLong));
  const at::Tensor ids = torch::tensor({{0, 3}, {0, 8}}, torch::kLong);
  const at::Tensor hidden = tied->decodeHidden(ids, enc, {});
  const at::Tensor expected = torch::matmul(hidden * (1.0 / std::sqrt(16.0)), tied->shared->weight.t());
  CHECK(golden::scaledError(tied->decode(ids, enc, {}), expected) < 1e-6);

  c.tie_word_embeddings = false;
  T5Model untied(c);
  untied->eval();
  const at::Tensor enc2 = untied->encode(torch::randn({2, 4, 16}), torch::ones({2, 4}, torch::kLong));
  const at::Tensor hidden2 = untied->decodeHidden(ids, enc2, {});
  CHECK(golden::scaledError(untied->decode(ids, enc2, {}),
                            torch::matmul(hidden2, untied->lm_head->weight.t())) < 1e-6);
}

TEST(generateStopsRowsAtEosAndPads) {
  torch::manual_seed(9);
  T5Config c = smallConfig();
  c.tie_word_embeddings = false;
  T5Model model(c);
  model->eval();
  torch::NoGradGuard noGrad;
  const at::Tensor enc = model->encode(torch::randn({2, 4, 16}), torch::ones({2, 4}, torch::kLong));
  const auto free = model->generate(enc, {}, 3, /*stopAtEos=*/false);
  CHECK_EQ(free.ids.size(1), 4);
  CHECK_EQ(free.scores.size(1), 3);
  CHECK_EQ(free.ids[0][0].item<int64_t>(), c.decoder_start_token_id);
  CHECK(golden::scaledError(free.scores.select(1, 0), model->firstStepLogits(enc, {})) < 1e-6);

  // Make the head choose between EOS (logit w.h) and token 3 (logit -w.h): with w = h0 - h1 row 0 emits
  // EOS at step 0 and row 1 emits 3; with w = h0 + h1 both rows emit EOS.
  const at::Tensor h0 =
      model->decodeHidden(torch::zeros({2, 1}, torch::kLong), enc, {}).select(1, 0);  // (2, D)
  auto aimHead = [&](const at::Tensor& w) {
    model->lm_head->weight.zero_();
    model->lm_head->weight[c.eos_token_id].copy_(w);
    model->lm_head->weight[3].copy_(-w);
  };
  const at::Tensor split = h0[0] - h0[1], both = h0[0] + h0[1];
  REQUIRE(split.dot(h0[0]).item<double>() > 0 && split.dot(h0[1]).item<double>() < 0);
  REQUIRE(both.dot(h0[0]).item<double>() > 0 && both.dot(h0[1]).item<double>() > 0);
  aimHead(split);  // row 0 emits EOS at step 0 and is padded afterwards; row 1 emits 3 first
  const auto gen = model->generate(enc, {}, 3);
  CHECK_EQ(gen.ids[0][1].item<int64_t>(), c.eos_token_id);
  CHECK_EQ(gen.ids[1][1].item<int64_t>(), 3);
  CHECK(gen.ids.size(1) >= 3);  // row 1 was still running after step 0
  for (int64_t s = 2; s < gen.ids.size(1); ++s) CHECK_EQ(gen.ids[0][s].item<int64_t>(), c.pad_token_id);
  aimHead(both);  // every row finishes at step 0: decoding ends early
  const auto done = model->generate(enc, {}, 3);
  CHECK_EQ(done.ids.size(1), 2);
  CHECK_EQ(done.scores.size(1), 1);
  CHECK(torch::equal(done.ids.select(1, 1), torch::full({2}, c.eos_token_id, torch::kLong)));
}

TEST(crossAttentionWithFewQueriesEqualsTheProjectedOne) {
  torch::manual_seed(5);
  // d_model 24 with 3 heads of 10 (inner 30 != D, as in T5-XL's ratio-free layout).
  T5Attention attention(T5AttentionOptions(24, 10, 3));
  attention->eval();
  const at::Tensor source = torch::randn({4, 40, 24});  // (B, Lk, D)
  at::Tensor mask = torch::ones({4, 40}, torch::kLong);
  mask[2].slice(0, 25).fill_(0);
  const at::Tensor bias = paddingMaskBias(mask, torch::kFloat);
  for (const int64_t lq : {1, 2}) {
    const at::Tensor hidden = torch::randn({4, lq, 24});
    torch::NoGradGuard noGrad;
    const at::Tensor projected = attention->attendProjected(hidden, source, bias);
    const at::Tensor moved = attention->attendFewQueries(hidden, source, bias);
    CHECK(moved.sizes() == projected.sizes());
    const double err = golden::scaledError(moved, projected);
    std::printf("  %lld query(ies) over 40 keys: scaled error %.2e\n", static_cast<long long>(lq), err);
    CHECK(err < 1e-5);
    // Inference takes the cheaper form, exactly; with gradients on it keeps the reference's form.
    CHECK(fewQueriesPay(lq, 40, 10));
    CHECK(attention->forward(hidden, source, bias).equal(moved));
    sevila::nn::useFewQueryCrossAttention(false);  // the benchmark's switch
    CHECK(attention->forward(hidden, source, bias).equal(projected));
    sevila::nn::useFewQueryCrossAttention(true);
    {
      torch::AutoGradMode grad(true);
      CHECK(attention->forward(hidden, source, bias).equal(attention->attendProjected(hidden, source, bias)));
    }
  }
  // Masked keys stay masked: changing a padded position of row 2 changes nothing.
  torch::NoGradGuard noGrad;
  const at::Tensor hidden = torch::randn({4, 1, 24});
  at::Tensor changed = source.clone();
  changed[2][30] += 10.0;
  CHECK(attention->attendFewQueries(hidden, changed, bias)
            .equal(attention->attendFewQueries(hidden, source, bias)));
  // In bf16 (CUDA's and the CPU's narrow weights alike) it stays within bf16's rounding.
  T5Attention narrow(T5AttentionOptions(24, 10, 3));
  narrow->eval();
  for (auto& p : narrow->parameters()) p.set_data(p.to(torch::kBFloat16));
  const at::Tensor ref = narrow->attendProjected(hidden.to(torch::kBFloat16), source.to(torch::kBFloat16),
                                                 paddingMaskBias(mask, torch::kBFloat16));
  const at::Tensor bf = narrow->attendFewQueries(hidden.to(torch::kBFloat16), source.to(torch::kBFloat16),
                                                 paddingMaskBias(mask, torch::kBFloat16));
  CHECK(bf.scalar_type() == torch::kBFloat16);
  CHECK(golden::scaledError(bf, ref) < 3e-2);
  // bf16 weights under f32 arithmetic: widened, f32 out.
  const at::Tensor wide = narrow->attendFewQueries(hidden, source, bias);
  CHECK(wide.scalar_type() == torch::kFloat);
  CHECK(golden::scaledError(wide, narrow->attendProjected(hidden, source, bias)) < 1e-5);
  // Where it does not pay: many queries, or few keys.
  CHECK(!fewQueriesPay(8, 40, 10));
  CHECK(!fewQueriesPay(1, 2, 64));
  CHECK(fewQueriesPay(1, 96, 64) && fewQueriesPay(2, 198, 64));  // SeViLA's decoder steps at real size
}

TEST(runsInBfloat16) {
  torch::manual_seed(11);
  T5Model model(smallConfig());
  model->eval();
  torch::NoGradGuard noGrad;
  const at::Tensor embeds = torch::randn({2, 6, 16});
  at::Tensor mask = torch::ones({2, 6}, torch::kLong);
  mask[1].slice(0, 4).fill_(0);
  const at::Tensor ids = torch::tensor({{0, 5, 9}, {0, 4, 2}}, torch::kLong);
  const at::Tensor ref = model->decode(ids, model->encode(embeds, mask), mask);
  model->to(torch::kBFloat16);
  const at::Tensor enc = model->encode(embeds.to(torch::kBFloat16), mask);
  CHECK(enc.scalar_type() == torch::kBFloat16);
  const at::Tensor logits = model->decode(ids, enc, mask);
  CHECK(logits.scalar_type() == torch::kBFloat16);
  CHECK(torch::isfinite(logits).all().item<bool>());
  CHECK(golden::scaledError(logits, ref) < 5e-2);  // bf16 keeps about 3 significant digits
}

MINITEST_MAIN
