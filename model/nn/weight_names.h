// THE name map (llama.cpp's LLM_TN / whisper-arch.h): the only place that knows checkpoint names.
// Our module paths are Blip2Model::named_parameters() — by construction the Hugging Face safetensors
// names for the backbone (`vision_model.…`, `query_tokens`, `qformer.…`, `language_projection.…`,
// `language_model.…`) plus the Localizer's own bridge `localizer.{post_layernorm,query_tokens,qformer,
// language_projection}.…` that only SeViLA checkpoints carry. This file maps each path to the key
// in a Hugging Face file and in a LAVIS / SeViLA .pth state_dict (docs/method.md §6), and lists the
// checkpoint names a loader may ignore.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sevila::nn {

enum class CheckpointLayout {
  HuggingFace,  // Salesforce/blip2-* safetensors (and the golden model.safetensors)
  Lavis,  // LAVIS / SeViLA .pth state_dict ("model" entry): visual_encoder.*, Qformer.bert.*, t5_proj, ...
};

// Where one module parameter lives in a checkpoint.
struct CheckpointKey {
  enum class Assembly {
    Single,   // keys[0] as stored
    QkvBias,  // LAVIS EVA: keys = {q_bias, v_bias}; the parameter is cat(q_bias, zeros, v_bias)
  };
  std::vector<std::string> keys;
  Assembly assembly = Assembly::Single;
};

// The checkpoint key(s) of a module parameter, or nothing when that layout has no such tensor
// (e.g. the Localizer's bridge in a Hugging Face file).
std::optional<CheckpointKey> checkpointKey(const std::string& modulePath, CheckpointLayout layout);

// When a parameter's own key is absent, the key that legitimately stands for it: T5's
// encoder/decoder embed_tokens and a tied lm_head ARE `shared` (save_pretrained omits them).
std::optional<std::string> aliasKey(const std::string& modulePath, CheckpointLayout layout);

// Checkpoint names that exist but that our networks do not use: the Q-Former's text FFN
// (intermediate.* / output.* of each layer), its text embeddings and MLM head, T5's embed_tokens
// aliases of `shared`. A loader accepts them silently.
bool isKnownUnused(const std::string& key, CheckpointLayout layout);

// The inverse of checkpointKey for one stored key: the module path it fills (nothing for keys that
// fill no parameter by themselves, such as LAVIS's q_bias / v_bias, or unknown ones).
std::optional<std::string> modulePathOf(const std::string& key, CheckpointLayout layout);

std::string layoutName(CheckpointLayout layout);

}  // namespace sevila::nn
