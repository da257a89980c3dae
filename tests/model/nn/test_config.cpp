// config.json parsing: transformers 4.33 defaults for absent keys, the two flavours, and refusals
// that name the file, the key and the reason.
#include <string>

#include <torch/torch.h>

#include "minitest.h"
#include "nn/blip2_model.h"
#include "nn/config.h"
#include "core/error.h"

using namespace sevila::nn;

namespace {
const std::string kGolden = std::string(SEVILA_TEST_DATA) + "/golden/";

std::string minimal(const std::string& vision, const std::string& qformer, const std::string& text,
                    const std::string& top = "") {
  return "{" + top + "\"vision_config\":{" + vision + "},\"qformer_config\":{" + qformer +
         "},\"text_config\":{" + text + "}}";
}

int64_t moduleParameters(torch::nn::Module& m) {
  int64_t n = 0;
  for (const auto& p : m.parameters()) n += p.numel();
  return n;
}
}  // namespace

TEST(hfAResolvesWrittenValues) {
  const auto hf = loadBlip2Config(kGolden + "hf-a/config.json", Flavour::Hf);
  CHECK_EQ(hf.vision.hidden_size, 48);
  CHECK_EQ(hf.vision.patch_size, 14);  // absent: HF default
  CHECK_NEAR(hf.vision.layer_norm_eps, 1e-6, 1e-15);
  CHECK_NEAR(hf.vision.post_layernorm_eps, 1e-6, 1e-15);  // hf: the config's eps
  CHECK(hf.vision.qkv_bias);
  CHECK_EQ(hf.qformer.cross_attention_frequency, 2);
  CHECK_NEAR(hf.qformer.layer_norm_eps, 1e-12, 1e-20);
  CHECK_EQ(hf.text.vocab_size, 160);
  CHECK(hf.text.is_gated_act);
  CHECK(hf.text.dense_act_fn == Activation::GeluTanh);  // gated-gelu = gelu_new in HF
  CHECK(!hf.text.tie_word_embeddings);
  CHECK_EQ(hf.num_query_tokens, 6);

  const auto lavis = loadBlip2Config(kGolden + "hf-a/config.json", Flavour::Lavis);
  CHECK_NEAR(lavis.vision.post_layernorm_eps, 1e-5, 1e-15);  // ln_vision: nn.LayerNorm default
  CHECK_NEAR(lavis.vision.layer_norm_eps, 1e-6, 1e-15);
  CHECK(lavis.text.dense_act_fn == Activation::GeluExact);  // LAVIS forces exact GELU
}

TEST(hfBAppliesOmittedDefaults) {
  const auto c = loadBlip2Config(kGolden + "hf-b/config.json", Flavour::Hf);
  CHECK_NEAR(c.vision.layer_norm_eps, 1e-5, 1e-15);  // Blip2VisionConfig default
  CHECK_NEAR(c.vision.post_layernorm_eps, 1e-5, 1e-15);
  CHECK(c.text.tie_word_embeddings);  // PretrainedConfig default
  CHECK_EQ(c.text.num_heads, 6);
  CHECK_EQ(c.text.d_kv, 8);
}

TEST(emptySubConfigsTakeTransformersDefaults) {
  const auto c = parseBlip2Config(minimal("", "", "\"num_layers\":3"), "mem.json", Flavour::Hf);
  CHECK_EQ(c.vision.hidden_size, 1408);
  CHECK_EQ(c.vision.intermediate_size, 6144);
  CHECK_EQ(c.vision.num_hidden_layers, 39);
  CHECK_EQ(c.vision.num_attention_heads, 16);
  CHECK_EQ(c.vision.image_size, 224);
  CHECK_EQ(c.qformer.hidden_size, 768);
  CHECK_EQ(c.qformer.encoder_hidden_size, 1408);
  CHECK_EQ(c.text.d_model, 512);
  CHECK_EQ(c.text.d_ff, 2048);
  CHECK_EQ(c.text.num_layers, 3);
  CHECK_EQ(c.text.num_decoder_layers, 3);  // defaults to num_layers
  CHECK_EQ(c.text.num_heads, 8);
  CHECK(!c.text.is_gated_act);
  CHECK(c.text.dense_act_fn == Activation::Relu);
  CHECK(c.text.tie_word_embeddings);
  CHECK_EQ(c.num_query_tokens, 32);

  const auto g =
      parseBlip2Config(minimal("", "", "\"feed_forward_proj\":\"gated-gelu\""), "mem.json", Flavour::Hf);
  CHECK(g.text.is_gated_act);
  CHECK(g.text.dense_act_fn == Activation::GeluTanh);
  const auto e = parseBlip2Config(minimal("", "", "\"feed_forward_proj\":\"gelu\""), "mem.json", Flavour::Hf);
  CHECK(!e.text.is_gated_act);
  CHECK(e.text.dense_act_fn == Activation::GeluExact);
}

TEST(rejectsImpossibleConfigs) {
  CHECK_THROWS_WITH(parseBlip2Config(minimal("\"hidden_size\":48,\"num_attention_heads\":5", "", ""),
                                     "bad.json", Flavour::Hf),
                    "bad.json: vision_config.num_attention_heads: 5 heads do not divide hidden_size 48");
  CHECK_THROWS_WITH(parseBlip2Config(minimal("", "\"num_hidden_layers\":0", ""), "bad.json", Flavour::Hf),
                    "qformer_config.num_hidden_layers: value 0 is out of range");
  CHECK_THROWS_WITH(parseBlip2Config(minimal("", "", "\"vocab_size\":-5"), "bad.json", Flavour::Hf),
                    "text_config.vocab_size: value -5 is out of range");
  CHECK_THROWS_WITH(parseBlip2Config(minimal("\"image_size\":30", "", ""), "bad.json", Flavour::Hf),
                    "vision_config.image_size: image_size 30 is not a multiple of patch_size 14");
  CHECK_THROWS_WITH(parseBlip2Config(minimal("\"hidden_size\":\"big\"", "", ""), "bad.json", Flavour::Hf),
                    "vision_config.hidden_size: expected an integer, found string");
  // Whole floats are integers; one too large for any integer is refused, not cast (found by fuzzing).
  CHECK_EQ(parseBlip2Config(minimal("\"num_hidden_layers\":2.0", "", ""), "ok.json", Flavour::Hf)
               .vision.num_hidden_layers,
           2);
  CHECK_THROWS_WITH(parseBlip2Config(minimal("\"hidden_size\":1.1e229", "", ""), "bad.json", Flavour::Hf),
                    "vision_config.hidden_size: expected an integer, found number");
  CHECK_THROWS_WITH(
      parseBlip2Config(minimal("\"hidden_size\":18446744073709551615", "", ""), "bad.json", Flavour::Hf),
      "vision_config.hidden_size: value 18446744073709551615 is out of range");
  CHECK_THROWS_WITH(parseBlip2Config(minimal("", "\"hidden_size\":64,\"num_attention_heads\":12", ""),
                                     "bad.json", Flavour::Hf),
                    "qformer_config.num_attention_heads");
  CHECK_THROWS_WITH(parseBlip2Config(minimal("", "", "\"d_model\":0"), "bad.json", Flavour::Hf),
                    "text_config.d_model");
  CHECK_THROWS_WITH(parseBlip2Config(minimal("\"layer_norm_eps\":-1", "", ""), "bad.json", Flavour::Hf),
                    "vision_config.layer_norm_eps");
  CHECK_THROWS_WITH(
      parseBlip2Config(minimal("", "", "\"feed_forward_proj\":\"swish-x\""), "bad.json", Flavour::Hf),
      "text_config.feed_forward_proj");
  CHECK_THROWS_WITH(parseBlip2Config(minimal("", "", "\"dense_act_fn\":\"silu\""), "bad.json", Flavour::Hf),
                    "unsupported activation");
  CHECK_THROWS_WITH(parseBlip2Config(minimal("", "", "", "\"num_query_tokens\":0,"), "bad.json", Flavour::Hf),
                    "num_query_tokens");
  CHECK_THROWS_WITH(parseBlip2Config("{\"vision_config\":{},\"text_config\":{}}", "bad.json", Flavour::Hf),
                    "bad.json: qformer_config: missing");
  CHECK_THROWS_WITH(parseBlip2Config("{\"vision_config\":[],\"qformer_config\":{},\"text_config\":{}}",
                                     "bad.json", Flavour::Hf),
                    "vision_config: expected an object");
  CHECK_THROWS_WITH(parseBlip2Config("{\"vision_config\":", "bad.json", Flavour::Hf),
                    "bad.json: not valid JSON");
  CHECK_THROWS_WITH(parseBlip2Config("[1,2]", "bad.json", Flavour::Hf), "expected a JSON object");
  CHECK_THROWS_WITH(loadBlip2Config("/nonexistent/config.json", Flavour::Hf),
                    "/nonexistent/config.json: cannot open");
  CHECK_THROWS_WITH(parseFlavour("torch"), "unknown flavour");
  CHECK_EQ(flavourName(parseFlavour("hf")), std::string("hf"));
}

TEST(flanT5XlSizesAndCounts) {
  const auto c = flanT5XlConfig();
  CHECK_EQ(c.vision.hidden_size, 1408);
  CHECK_EQ(c.vision.num_hidden_layers, 39);
  CHECK_EQ(c.text.d_model, 2048);
  CHECK_EQ(c.text.num_layers, 24);
  CHECK_EQ(c.num_query_tokens, 32);
  const auto n = Blip2ModelImpl::countParameters(c);
  std::printf("  flan-t5-xl counts: vision %lld, qformer %lld, projection %lld, t5 %lld, total %lld\n",
              static_cast<long long>(n.vision), static_cast<long long>(n.qformer),
              static_cast<long long>(n.projection), static_cast<long long>(n.t5),
              static_cast<long long>(n.total()));
  CHECK(n.vision > 980'000'000 && n.vision < 990'000'000);  // EVA ViT-g without its last block: ~985 M
  CHECK(n.t5 > 2'800'000'000 && n.t5 < 2'900'000'000);      // Flan-T5-XL: ~2.85 B
  CHECK(n.total() > 3'800'000'000 && n.total() < 4'100'000'000);
  CHECK_EQ(n.projection, 2048 * 768 + 2048);
}

TEST(countsMatchBuiltModules) {
  for (const char* name : {"tiny-a", "hf-b"}) {
    const auto c = loadBlip2Config(kGolden + name + "/config.json", Flavour::Hf);
    auto model = Blip2ModelImpl::random(c);
    const auto n = Blip2ModelImpl::countParameters(c);
    CHECK_EQ(n.vision, moduleParameters(*model->vision_model));
    CHECK_EQ(n.qformer, moduleParameters(*model->qformer) + model->query_tokens.numel());
    CHECK_EQ(n.projection, moduleParameters(*model->language_projection));
    CHECK_EQ(n.t5, moduleParameters(*model->language_model));
  }
}

MINITEST_MAIN
