// Applying a SeViLA checkpoint (`sevila_pretrained.pth`, a fine-tuned or refined one) onto a BLIP-2
// backbone: the .pth's "model" state dict, in LAVIS names (docs/method.md §6), holds the trainable parts
// of both roles. The Answerer's (`Qformer.bert.*`, `query_tokens`, `t5_proj.*`, `ln_vision.*`) REPLACE the
// backbone's own bridge (qformer, query_tokens, language_projection, vision_model.post_layernorm); the
// Localizer's (`Qformer_loc.bert.*`, `query_tokens_loc`, `t5_proj_loc.*`, `ln_vision_loc.*`) become the
// model's Localizer bridge (`localizer.*`, attached if absent). Frozen parts stored under LAVIS names
// (`visual_encoder.*`, `t5_model.*`) are accepted when present, complete, and overwrite the backbone's.
// Names are translated by weight_names.h (the one name map); the Q-Former's text FFN and embeddings
// are ignored.
//
// Strict: a role that is absent or incomplete, a tensor whose shape differs from the configuration, an
// integer tensor, an unknown name → one sevila::Error naming the file and listing what is wrong.
// The bridges are loaded into fresh copies (built in the model's dtype on its device) and swapped in
// only once everything loaded; frozen parts are written in place only after every check passed. A
// failed call leaves the model exactly as it was. Not thread-safe: apply before sharing the model.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <ATen/core/Tensor.h>

#include "nn/blip2_model.h"

namespace sevila::nn {

struct SevilaCheckpointOptions {
  bool requireAnswerer = true;   // the Answerer's four parts must all be present
  bool requireLocalizer = true;  // the Localizer's four parts must all be present
};

struct SevilaCheckpointReport {
  int64_t answererTensors = 0;   // module parameters replaced in the Answerer's bridge
  int64_t localizerTensors = 0;  // in the Localizer's bridge
  int64_t visionTensors = 0;     // frozen ViT parameters overwritten (0 when the file has none)
  int64_t languageTensors = 0;   // frozen T5 parameters overwritten (0 when the file has none)
  int64_t ignoredTensors = 0;    // known-unused stored tensors (text FFN, position ids, ...)
};

// The state dict of a SeViLA .pth: its "model" entry, or the root when that is itself the state dict
// (LAVIS's load_checkpoint does the same). Throws sevila::Error(path, reason) for a malformed, hostile
// or empty file.
std::map<std::string, at::Tensor> readSevilaStateDict(const std::string& path);

// Reads `path` and applies it (below).
SevilaCheckpointReport applySevilaCheckpoint(Blip2ModelImpl& model, const std::string& path,
                                             const SevilaCheckpointOptions& options = {});

// Applies an already-read state dict (LAVIS names); `source` names it in errors (the file path).
SevilaCheckpointReport applySevilaStateDict(Blip2ModelImpl& model,
                                            const std::map<std::string, at::Tensor>& stateDict,
                                            const std::string& source,
                                            const SevilaCheckpointOptions& options = {});

}  // namespace sevila::nn
