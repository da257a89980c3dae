// Questions that share a video, answered in one pass per role (issue 15's "batching questions that
// share a video"). NExT-QA asks about 5 questions per video; one at a time, each question runs its own
// Localizer bridge over the T frames, its own T-row Localizer pass and its own one-row Answerer pass. A
// group runs the bridges once and stacks the questions' rows into one Localizer pass (Q x T rows) and one
// Answerer pass (Q rows): fewer, larger matrix products and a fifth of the kernel launches.
//
// Prompts differ in length, so each row is padded at its end to the group's longest and the padding is
// masked out. T5 honours the mask and its position bias is relative, so every question gets the scores
// and the answer it gets alone, up to the rounding of other matrix shapes (test_question_group). A group
// of one runs exactly the single-question path (localizer.h, answerer.h), CUDA graphs included; a larger
// group runs eagerly. Outputs are CPU tensors, in the questions' order. Call under NoGradGuard.
#pragma once

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

#include "nn/answerer.h"
#include "nn/localizer.h"

namespace sevila::nn {

// Every question's Localizer scores and keyframes (options.keyframes) over the same frames, from their
// ViT output (T, N, W). Frames per pass: localizerRowsPerPass over all Q x T rows.
std::vector<LocalizerScores> localizeGroup(const SevilaModel& model, const at::Tensor& imageTokens,
                                           const std::vector<LocalizerPromptIds>& prompts,
                                           const SevilaOptions& options);

struct AnswererQuestion {
  std::vector<int64_t> keyframes;  // indices into the T frames, time order
  AnswererPromptIds prompt;        // keyframePrefixes: at least keyframes.size() entries
  int numOptions = 0;
};
// Every question's answer from its own keyframes of the same frames (T, N, W). The Answerer's bridge runs
// once over the union of the keyframes.
std::vector<Answer> answerGroup(const SevilaModel& model, const at::Tensor& imageTokens,
                                const std::vector<AnswererQuestion>& questions, const SevilaOptions& options);

}  // namespace sevila::nn
