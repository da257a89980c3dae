// T5's training objective, shared by both roles (docs/method.md §5): the decoder reads the targets
// shifted right (decoder_start_token_id first; an ignored label, -100, is fed as pad), and the loss is
// the mean cross-entropy over every non-ignored target token (Hugging Face's
// T5ForConditionalGeneration loss).
#pragma once

#include <ATen/core/Tensor.h>

#include "nn/t5_model.h"

namespace sevila::nn {

struct TeacherForcedLoss {
  at::Tensor loss;    // scalar fp32, attached to the graph of whatever produced `inputsEmbeds`
  at::Tensor logits;  // (B, S, V), detached
};

// inputsEmbeds (B, L, D), attentionMask (B, L) of 0/1, targets (B, S) int64 with -100 = ignore.
// Throws sevila::Error(subject, ...) for targets outside the vocabulary or mismatched batch sizes.
TeacherForcedLoss teacherForcedLoss(T5ModelImpl& t5, const at::Tensor& inputsEmbeds,
                                    const at::Tensor& attentionMask, const at::Tensor& targets,
                                    const std::string& subject);

}  // namespace sevila::nn
