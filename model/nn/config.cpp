// Reads a Hugging Face Blip2 `config.json` into the plain structs of config.h.
// save_pretrained omits every value equal to its class default, so absent keys take the defaults of
// transformers 4.33 (Blip2VisionConfig, Blip2QFormerConfig, T5Config), NOT the published model's
// sizes; then the flavour's rules apply (docs/method.md §1 "Two flavours"). Everything is validated: a
// hostile file gets "<file>: <key>: <reason>", never a crash or an absurd allocation later.
#include "nn/config.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_integer.h"

namespace sevila::nn {
namespace {

// A whole number that an int64_t holds (casting a float outside that range is undefined behaviour).
bool wholeInt64(double d) {
  constexpr double kEnd = 9223372036854775808.0;  // 2^63
  return d >= -kEnd && d < kEnd && d == std::floor(d);
}

using json = nlohmann::json;

// Upper bounds that keep a hostile config from asking for terabytes when the module is built.
constexpr int64_t kMaxWidth = 1 << 16;
constexpr int64_t kMaxLayers = 512;
constexpr int64_t kMaxVocab = 1 << 22;
constexpr int64_t kMaxImage = 1 << 14;

class Reader {
public:
  Reader(const json& object, std::string source, std::string scope)
      : m_object(object), m_source(std::move(source)), m_scope(std::move(scope)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& reason) const {
    throw Error(m_source, m_scope + key + ": " + reason,
                "the file must be a Hugging Face Blip2 config.json (vision_config, qformer_config, "
                "text_config)");
  }

  bool has(const std::string& key) const { return m_object.contains(key) && !m_object.at(key).is_null(); }

  int64_t integer(const std::string& key, int64_t fallback, int64_t lo, int64_t hi) const {
    if (!has(key)) return fallback;
    const json& v = m_object.at(key);
    int64_t value = 0;
    if (v.is_number_integer()) {
      const auto i = jsonInteger<int64_t>(v);
      if (!i) fail(key, "value " + v.dump() + " is out of range");
      value = *i;
    } else if (v.is_number_float() && wholeInt64(v.get<double>())) {
      value = static_cast<int64_t>(v.get<double>());  // 12.0 is still an integer
    } else {
      fail(key, std::string("expected an integer, found ") + v.type_name());
    }
    if (value < lo || value > hi) {
      std::ostringstream s;
      s << "value " << value << " is out of range [" << lo << ", " << hi << "]";
      fail(key, s.str());
    }
    return value;
  }

  double positiveReal(const std::string& key, double fallback) const {
    if (!has(key)) return fallback;
    const json& v = m_object.at(key);
    if (!v.is_number()) fail(key, std::string("expected a number, found ") + v.type_name());
    const double value = v.get<double>();
    if (!(value > 0.0) || !(value < 1.0)) fail(key, "must be a small positive number, found " + v.dump());
    return value;
  }

  // A probability in [0, 1) (dropout rates).
  double probability(const std::string& key, double fallback) const {
    if (!has(key)) return fallback;
    const json& v = m_object.at(key);
    if (!v.is_number()) fail(key, std::string("expected a number, found ") + v.type_name());
    const double value = v.get<double>();
    if (!(value >= 0.0) || !(value < 1.0)) fail(key, "must be in [0, 1), found " + v.dump());
    return value;
  }

  bool boolean(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    const json& v = m_object.at(key);
    if (!v.is_boolean()) fail(key, std::string("expected true or false, found ") + v.type_name());
    return v.get<bool>();
  }

  std::string text(const std::string& key, const std::string& fallback) const {
    if (!has(key)) return fallback;
    const json& v = m_object.at(key);
    if (!v.is_string()) fail(key, std::string("expected a string, found ") + v.type_name());
    return v.get<std::string>();
  }

  Activation activation(const std::string& key, const std::string& fallback) const {
    return activationFrom(key, text(key, fallback));
  }

  Activation activationFrom(const std::string& key, const std::string& name) const {
    if (name == "gelu") return Activation::GeluExact;
    if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast") return Activation::GeluTanh;
    if (name == "relu") return Activation::Relu;
    fail(key, "unsupported activation \"" + name + "\" (gelu, gelu_new, relu)");
  }

  const json& object() const { return m_object; }

private:
  const json& m_object;
  std::string m_source;
  std::string m_scope;
};

const json& subConfig(const json& root, const std::string& key, const std::string& source) {
  if (!root.contains(key) || root.at(key).is_null())
    throw Error(source,
                key + ": missing (a Blip2 config.json has vision_config, qformer_config and text_config)");
  if (!root.at(key).is_object())
    throw Error(source, key + ": expected an object, found " + std::string(root.at(key).type_name()));
  return root.at(key);
}

void requireDivides(const Reader& r, const std::string& key, int64_t heads, int64_t width,
                    const std::string& widthKey) {
  if (width % heads != 0) {
    std::ostringstream s;
    s << heads << " heads do not divide " << widthKey << " " << width;
    r.fail(key, s.str());
  }
}

VisionConfig readVision(const json& object, const std::string& source, Flavour flavour) {
  const Reader r(object, source, "vision_config.");
  VisionConfig c;
  c.hidden_size = r.integer("hidden_size", 1408, 1, kMaxWidth);
  c.intermediate_size = r.integer("intermediate_size", 6144, 1, 8 * kMaxWidth);
  c.num_hidden_layers = r.integer("num_hidden_layers", 39, 1, kMaxLayers);
  c.num_attention_heads = r.integer("num_attention_heads", 16, 1, kMaxWidth);
  c.image_size = r.integer("image_size", 224, 1, kMaxImage);
  c.patch_size = r.integer("patch_size", 14, 1, kMaxImage);
  c.layer_norm_eps = r.positiveReal("layer_norm_eps", 1e-5);  // Blip2VisionConfig's default
  c.qkv_bias = r.boolean("qkv_bias", true);
  c.hidden_act = r.activation("hidden_act", "gelu");
  requireDivides(r, "num_attention_heads", c.num_attention_heads, c.hidden_size, "hidden_size");
  if (c.image_size % c.patch_size != 0) {
    std::ostringstream s;
    s << "image_size " << c.image_size << " is not a multiple of patch_size " << c.patch_size;
    r.fail("image_size", s.str());
  }
  // LAVIS's ln_vision uses nn.LayerNorm's default eps; HF's post_layernorm reads the config.
  c.post_layernorm_eps = flavour == Flavour::Lavis ? 1e-5 : c.layer_norm_eps;
  return c;
}

QFormerConfig readQFormer(const json& object, const std::string& source) {
  const Reader r(object, source, "qformer_config.");
  QFormerConfig c;
  c.hidden_size = r.integer("hidden_size", 768, 1, kMaxWidth);
  c.num_hidden_layers = r.integer("num_hidden_layers", 12, 1, kMaxLayers);
  c.num_attention_heads = r.integer("num_attention_heads", 12, 1, kMaxWidth);
  c.intermediate_size = r.integer("intermediate_size", 3072, 1, 8 * kMaxWidth);
  c.layer_norm_eps = r.positiveReal("layer_norm_eps", 1e-12);
  c.cross_attention_frequency = r.integer("cross_attention_frequency", 2, 1, kMaxLayers);
  c.encoder_hidden_size = r.integer("encoder_hidden_size", 1408, 1, kMaxWidth);
  c.hidden_act = r.activation("hidden_act", "gelu");
  c.hidden_dropout_prob = r.probability("hidden_dropout_prob", 0.1);
  c.attention_probs_dropout_prob = r.probability("attention_probs_dropout_prob", 0.1);
  requireDivides(r, "num_attention_heads", c.num_attention_heads, c.hidden_size, "hidden_size");
  return c;
}

T5Config readT5(const json& object, const std::string& source, Flavour flavour) {
  const Reader r(object, source, "text_config.");
  if (r.has("model_type") && r.text("model_type", "t5") != "t5")
    r.fail("model_type", "only a T5 language model is supported, found \"" + r.text("model_type", "") + "\"");
  T5Config c;
  c.vocab_size = r.integer("vocab_size", 32128, 1, kMaxVocab);
  c.d_model = r.integer("d_model", 512, 1, kMaxWidth);
  c.d_kv = r.integer("d_kv", 64, 1, kMaxWidth);
  c.d_ff = r.integer("d_ff", 2048, 1, 8 * kMaxWidth);
  c.num_layers = r.integer("num_layers", 6, 1, kMaxLayers);
  c.num_decoder_layers = r.integer("num_decoder_layers", c.num_layers, 1, kMaxLayers);
  c.num_heads = r.integer("num_heads", 8, 1, kMaxWidth);
  if (c.num_heads * c.d_kv > 8 * kMaxWidth) r.fail("num_heads", "num_heads * d_kv is implausibly large");
  c.relative_attention_num_buckets = r.integer("relative_attention_num_buckets", 32, 2, 4096);
  c.relative_attention_max_distance = r.integer("relative_attention_max_distance", 128, 1, 1 << 20);
  c.layer_norm_epsilon = r.positiveReal("layer_norm_epsilon", 1e-6);
  c.dropout_rate = r.probability("dropout_rate", 0.1);

  // T5Config derives the FFN from feed_forward_proj ("relu", "gelu", "gated-gelu", ...); explicit
  // dense_act_fn / is_gated_act keys, as save_pretrained writes them, override the derivation.
  const std::string proj = r.text("feed_forward_proj", "relu");
  std::string act = proj;
  bool gated = false;
  if (proj.rfind("gated-", 0) == 0) {
    gated = true;
    act = proj.substr(6);
  } else if (proj.find('-') != std::string::npos) {
    r.fail("feed_forward_proj", "\"" + proj + "\" is not a valid activation (relu, gelu, gated-gelu, ...)");
  }
  if (proj == "gated-gelu") act = "gelu_new";
  c.is_gated_act = r.boolean("is_gated_act", gated);
  act = r.text("dense_act_fn", act);
  c.dense_act_fn = r.activationFrom(r.has("dense_act_fn") ? "dense_act_fn" : "feed_forward_proj", act);
  // LAVIS (and so SeViLA) overrides T5's activation to exact GELU whatever the config says.
  if (flavour == Flavour::Lavis) c.dense_act_fn = Activation::GeluExact;

  c.tie_word_embeddings = r.boolean("tie_word_embeddings", true);  // PretrainedConfig's default
  c.pad_token_id = r.integer("pad_token_id", 0, 0, c.vocab_size - 1);
  c.eos_token_id = r.integer("eos_token_id", 1, 0, c.vocab_size - 1);
  c.decoder_start_token_id = r.integer("decoder_start_token_id", c.pad_token_id, 0, c.vocab_size - 1);
  return c;
}

}  // namespace

Flavour parseFlavour(const std::string& text) {
  if (text == "lavis") return Flavour::Lavis;
  if (text == "hf") return Flavour::Hf;
  throw Error("--flavour", "unknown flavour \"" + text + "\"",
              "use lavis (SeViLA's numerics, the default) or hf (Hugging Face transformers')");
}

std::string flavourName(Flavour flavour) {
  return flavour == Flavour::Lavis ? "lavis" : "hf";
}

Blip2Config parseBlip2Config(const std::string& jsonText, const std::string& source, Flavour flavour) {
  json root;
  try {
    root = json::parse(jsonText);
  } catch (const json::exception& e) {
    throw Error(source, std::string("not valid JSON: ") + e.what());
  }
  if (!root.is_object()) throw Error(source, "expected a JSON object at the top level");
  Blip2Config config;
  config.flavour = flavour;
  config.vision = readVision(subConfig(root, "vision_config", source), source, flavour);
  config.qformer = readQFormer(subConfig(root, "qformer_config", source), source);
  config.text = readT5(subConfig(root, "text_config", source), source, flavour);
  const Reader top(root, source, "");
  config.num_query_tokens = top.integer("num_query_tokens", 32, 1, 4096);
  if (top.has("use_decoder_only_language_model") && top.boolean("use_decoder_only_language_model", false))
    top.fail("use_decoder_only_language_model", "only the encoder-decoder (T5) BLIP-2 is supported");
  return config;
}

Blip2Config loadBlip2Config(const std::string& path, Flavour flavour) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, "cannot open the model configuration", "a model directory holds config.json");
  in.seekg(0, std::ios::end);
  const auto size = static_cast<int64_t>(in.tellg());
  if (size < 0 || size > (16 << 20)) throw Error(path, "not a config file (larger than 16 MiB)");
  in.seekg(0);
  std::string text(static_cast<size_t>(size), '\0');
  in.read(text.data(), size);
  if (!in) throw Error(path, "cannot read the model configuration");
  return parseBlip2Config(text, path, flavour);
}

Blip2Config flanT5XlConfig(Flavour flavour) {
  Blip2Config c;  // the struct defaults are Salesforce/blip2-flan-t5-xl
  c.flavour = flavour;
  c.vision.layer_norm_eps = 1e-6;  // blip2-flan-t5-xl's config.json
  c.vision.post_layernorm_eps = flavour == Flavour::Lavis ? 1e-5 : c.vision.layer_norm_eps;
  c.text.dense_act_fn = flavour == Flavour::Lavis ? Activation::GeluExact : Activation::GeluTanh;
  c.text.tie_word_embeddings = false;
  return c;
}

}  // namespace sevila::nn
