// Figure 2, "Localizer": scores every sampled frame for how useful it is to answer the question, and
// picks the keyframes (docs/method.md §3). Per frame i the T5 encoder reads
//   embed(ids of "Frame: ") ++ v_i ++ embed(loc_text ids, EOS last)
// where v_i = the Localizer's bridge over frame i's ViT output (Role::Localizer); the mask is all ones.
// The T frames run as batches of rows (all T at once unless options.localizerRows or the memory-saving
// mode says fewer): one encoder pass and ONE decoder step from the start token per batch.
// The score is the first-step logit of "yes" (the reference's ranking); softmax probabilities are
// reported too and may be chosen for ranking (KeyframeRanking::YesProbability). Keyframes = top-k by the
// score, ties to the earlier frame, k' = min(k, T), returned in time order.
//
// Inputs are token ids and the ViT output (T, N, W), so a caller can reuse cached ViT features; the
// text overload tokenizes with the model's tokenizer (frame prefix with its trailing "▁" piece, prompt
// cut to 77 tokens with EOS last). Outputs are CPU tensors (fp32 scores). Call under NoGradGuard; safe
// to call from several threads on one SevilaModel.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "nn/sevila_model.h"
#include "nn/sevila_prompts.h"

namespace sevila::nn {

struct LocalizerScores {
  at::Tensor yesLogit;             // [T] first-step logit of "yes" (options.yesId)
  at::Tensor yesProb;              // [T] softmax over the whole vocabulary, at "yes"
  at::Tensor yesNoProb;            // [T] softmax over {yes, no}, at "yes"
  at::Tensor firstLogits;          // [T, V] first-step logits
  std::vector<int64_t> keyframes;  // frame indices, ascending (time order)
};

// Token ids of the Localizer's prompt: "Frame: " → SentencePiece("Frame:") + "▁" (no EOS); the
// family's localizer prompt with EOS, cut to options.maxTextTokens.
struct LocalizerPromptIds {
  std::vector<int64_t> framePrefix;
  std::vector<int64_t> text;
};
LocalizerPromptIds localizerPromptIds(const T5Tokenizer& tokenizer, PromptFamily family,
                                      const std::string& question, const std::vector<std::string>& choices,
                                      int maxTextTokens = 77);

// Encoder input embeddings of the Localizer rows: (T, P + Q + L, D) from visual tokens (T, Q, D).
at::Tensor localizerInputs(Blip2ModelImpl& network, const at::Tensor& visualTokens,
                           const std::vector<int64_t>& framePrefixIds,
                           const std::vector<int64_t>& locTextIds);

// Frames per Localizer pass for T frames: options.localizerRows, or automatic (sevila_options.h).
int64_t localizerRowsPerPass(const Blip2ModelImpl& network, const SevilaOptions& options, int64_t frames);

// Scores from the Localizer's visual tokens (T, Q, D) (already through Role::Localizer).
LocalizerScores scoreLocalizerTokens(const SevilaModel& model, const at::Tensor& visualTokens,
                                     const std::vector<int64_t>& framePrefixIds,
                                     const std::vector<int64_t>& locTextIds, const SevilaOptions& options);
// Scores and keyframes from the first-step logits (T, V), f32 on the CPU.
LocalizerScores localizerScoresFromLogits(const at::Tensor& firstLogits, const SevilaOptions& options);
// Scores from the ViT output (T, N, W), with the model's options or explicit ones.
LocalizerScores localize(const SevilaModel& model, const at::Tensor& imageTokens,
                         const std::vector<int64_t>& framePrefixIds, const std::vector<int64_t>& locTextIds,
                         const SevilaOptions& options);
LocalizerScores localize(const SevilaModel& model, const at::Tensor& imageTokens,
                         const std::vector<int64_t>& framePrefixIds, const std::vector<int64_t>& locTextIds);
// From texts, with the model's tokenizer.
LocalizerScores localize(const SevilaModel& model, const at::Tensor& imageTokens, PromptFamily family,
                         const std::string& question, const std::vector<std::string>& choices,
                         const SevilaOptions& options);

// The k' = min(k, T) best frames by `scores` [T] (higher first; ties to the earlier frame; NaN last),
// returned in ascending frame order. k < 1 is an error.
std::vector<int64_t> selectKeyframes(const at::Tensor& scores, int k);
// The same on LocalizerScores with the options' ranking.
std::vector<int64_t> selectKeyframes(const LocalizerScores& scores, int k, KeyframeRanking ranking);

}  // namespace sevila::nn
