// The sizes of the BLIP-2 networks, read from a Hugging Face Blip2 `config.json`. Defaults are the
// published Salesforce/blip2-flan-t5-xl model (EVA ViT-g/14 without its last block, BERT-base Q-Former,
// Flan-T5-XL). Other T5 sizes for reference: base d_model 768/d_ff 2048/12 layers/12 heads,
// large 1024/2816/24/16, XXL 4096/10240/24/64.
#pragma once

#include <cstdint>
#include <string>

namespace sevila::nn {

// lavis: what SeViLA was trained and evaluated with (exact GELU in T5, eps 1e-5 after the ViT).
// hf: what Hugging Face transformers computes from the same files (config activation and eps).
enum class Flavour { Lavis, Hf };
Flavour parseFlavour(const std::string& text);  // "lavis" | "hf"
std::string flavourName(Flavour flavour);

enum class Activation { GeluExact, GeluTanh, Relu };

struct VisionConfig {
  int64_t hidden_size = 1408;
  int64_t intermediate_size = 6144;
  int64_t num_hidden_layers = 39;
  int64_t num_attention_heads = 16;
  int64_t image_size = 224;
  int64_t patch_size = 14;
  double layer_norm_eps = 1e-6;      // inside the blocks
  double post_layernorm_eps = 1e-5;  // ln_vision / post_layernorm: 1e-5 lavis, config eps hf
  bool qkv_bias = true;
  Activation hidden_act = Activation::GeluExact;
};

struct QFormerConfig {
  int64_t hidden_size = 768;
  int64_t num_hidden_layers = 12;
  int64_t num_attention_heads = 12;
  int64_t intermediate_size = 3072;
  double layer_norm_eps = 1e-12;
  int64_t cross_attention_frequency = 2;
  int64_t encoder_hidden_size = 1408;
  Activation hidden_act = Activation::GeluExact;
  // Active only in training mode (the reference trains with model.train(): docs/method.md §8.1).
  double hidden_dropout_prob = 0.1;
  double attention_probs_dropout_prob = 0.1;
};

struct T5Config {
  int64_t vocab_size = 32128;
  int64_t d_model = 2048;
  int64_t d_kv = 64;
  int64_t d_ff = 5120;
  int64_t num_layers = 24;
  int64_t num_decoder_layers = 24;
  int64_t num_heads = 32;
  int64_t relative_attention_num_buckets = 32;
  int64_t relative_attention_max_distance = 128;
  double layer_norm_epsilon = 1e-6;
  bool is_gated_act = true;
  Activation dense_act_fn = Activation::GeluExact;  // lavis forces exact GELU; hf reads the config
  bool tie_word_embeddings = false;
  int64_t decoder_start_token_id = 0;
  int64_t pad_token_id = 0;
  int64_t eos_token_id = 1;
  double dropout_rate = 0.1;  // active only in training mode: the frozen T5 still drops (docs/method.md §8.1)
};

struct Blip2Config {
  VisionConfig vision;
  QFormerConfig qformer;
  T5Config text;
  int64_t num_query_tokens = 32;
  Flavour flavour = Flavour::Lavis;
};

// Parses a config.json: absent keys take transformers' defaults (save_pretrained omits them), then the
// flavour's rules apply. Throws sevila::Error(file, "key: reason") for a missing, mistyped or
// impossible value (heads not dividing widths, zero layers, non-positive sizes, ...).
Blip2Config loadBlip2Config(const std::string& path, Flavour flavour);
Blip2Config parseBlip2Config(const std::string& jsonText, const std::string& source, Flavour flavour);
// The real Salesforce/blip2-flan-t5-xl sizes, for benchmarks without weights.
Blip2Config flanT5XlConfig(Flavour flavour = Flavour::Lavis);

}  // namespace sevila::nn
