// Runs the BLIP-2 backbone on a golden-style input set and collects every named activation it can
// compute, under the names of the golden files (shared by `sevila model dump` and the parity tests).
// Two naming families, chosen by the model's flavour:
//  - lavis (tiny-*): vision.* is the ViT before any norm; blip2.post_layernorm, blip2.qformer.*,
//    blip2.projection follow the backbone's own bridge; t5.* uses t5.text_ids / t5.attention_mask /
//    t5.decoder_input_ids over the first two frames' visual tokens. With a SeViLA checkpoint loaded
//    (a Localizer attached) it reports the roles instead: vision.ln_vision(_loc), qformer(_loc).*,
//    projection(_loc), and no T5 part.
//  - hf (hf-*): vision.last_hidden_state is AFTER post_layernorm (HF's convention), plus
//    vision.pooler_output; qformer.*, projection, t5.* (inputs_embeds, attention_mask, encoder, decoder,
//    logits, first_step_logits) and generate.ids / generate.scores from input_ids / attention_mask /
//    decoder_input_ids.
#pragma once

#include <map>
#include <string>

#include <ATen/core/Tensor.h>

#include "nn/blip2_model.h"

namespace sevila::nn {

struct TraceOptions {
  int64_t maxNewTokens = 5;  // hf family: generate() length (hf-a 5, hf-b 6)
};

// Inputs are CPU tensors by golden name (pixel_values, ...); outputs are CPU fp32 / int64 tensors.
// Parts whose inputs are absent are skipped. Runs under NoGradGuard.
std::map<std::string, at::Tensor> traceBlip2(Blip2ModelImpl& model,
                                             const std::map<std::string, at::Tensor>& inputs,
                                             const TraceOptions& options = {});

}  // namespace sevila::nn
