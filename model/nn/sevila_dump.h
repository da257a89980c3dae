// Runs SeViLA's two roles on a golden-style input set and returns every tensor the golden files name
// for them (tests/data/golden/README.md), so `sevila model dump --sevila CKPT` and the parity test
// share one code path:
//   vision.ln_vision, vision.ln_vision_loc, qformer.*, qformer_loc.*, projection, projection_loc,
//   sevila.loc.{first_logits,yes_logit,yes_prob,yes_no_prob}, sevila.keyframes, sevila.ans.*,
//   sevila.frame_ans.letter_logits, sevila.pseudo_labels, train.loc_loss, train.grad.t5_proj_loc.weight,
//   train.grad.query_tokens_loc (plus the Q-Formers' sub-layer taps, qformer*.layer.i.attention ...).
// Inputs by golden name: pixel_values, sevila.frame_prefix_ids, sevila.vid_prefix_ids (k rows: k is the
// keyframe count), sevila.loc_text_ids, sevila.qa_text_ids, sevila.ground_truth, train.loc_labels;
// parts whose inputs are absent are skipped. The ViT taps (vision.embeddings, vision.layer.i, the
// backbone-only blip2.* and t5.*) belong to traceBlip2 (blip2_trace.h), run on the backbone alone.
// Outputs are CPU tensors, floats in fp32, integers int64.
#pragma once

#include <map>
#include <string>

#include <ATen/core/Tensor.h>

#include "nn/sevila_model.h"

namespace sevila::nn {

struct SevilaDumpOptions {
  int numOptions = 5;  // option letters scored (the golden cases use 5)
};

std::map<std::string, at::Tensor> dumpSevila(const SevilaModel& model,
                                             const std::map<std::string, at::Tensor>& inputs,
                                             const SevilaDumpOptions& options = {});

}  // namespace sevila::nn
