// Fine-tuning the Answerer through the forward chain (docs/method.md §5, §8.4): the Answerer reads the k
// keyframes chosen by the frozen Localizer exactly as at inference,
//   cat_j( embed("Frame j: ") ++ v_j ) ++ embed(qa_text)
// and is taught the target "Option X</s>" = [▁Option, ▁X, EOS] with T5's teacher-forced cross-entropy
// (teacher_forcing.h). The ViT and T5 are frozen; gradients reach only the Answerer's bridge
// (vision_model.post_layernorm = ln_vision, query_tokens, qformer, language_projection = t5_proj).
#pragma once

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

#include "nn/sevila_model.h"

namespace sevila::nn {

struct AnswererLoss {
  at::Tensor loss;    // scalar, attached to the Answerer's parameters
  at::Tensor logits;  // (1, S, V), detached
};

// keyframeImageTokens: the ViT output of the k keyframes (k, N, W), time order (a constant here);
// one prefix per keyframe; targets (S) int64, e.g. answererTargets(). Records gradients whatever the mode.
AnswererLoss answererLoss(const SevilaModel& model, const at::Tensor& keyframeImageTokens,
                          const std::vector<std::vector<int64_t>>& keyframePrefixIds,
                          const std::vector<int64_t>& qaTextIds, const std::vector<int64_t>& targets);

// [optionTokenId, letterIds[groundTruth], eos]: "Option X" + EOS.
std::vector<int64_t> answererTargets(int groundTruth, int numOptions, int64_t optionTokenId,
                                     const SevilaOptions& options, int64_t eosId = 1);

// The first token of "Option" in T5's vocabulary (the first target token; the reverse chain's
// teacher-forced decoder input).
int64_t optionTokenId(const T5Tokenizer& tokenizer);

// Module paths of a role's trainable bridge (requires_grad true there, false everywhere else).
void freezeAllButAnswerer(Blip2ModelImpl& network);
bool isAnswererParameter(const std::string& modulePath);
bool isLocalizerParameter(const std::string& modulePath);

}  // namespace sevila::nn
