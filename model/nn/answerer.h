// Figure 2, "Answerer": answers the multiple-choice question from the keyframes (docs/method.md §4).
// The T5 encoder reads, for the k keyframes in time order,
//   cat_j( embed(ids of "Frame j: ") ++ v_j ) ++ embed(qa_text ids, EOS last)
// with v_j = the Answerer's bridge (Role::Answerer) over keyframe j's ViT output; mask all ones. Step 0
// is decoded greedily over the whole vocabulary (no masking; expected "▁Option"); step 1, with decoder
// input [start, step-0 token], gives the logits of the first O option letters ("▁A".."▁E"); the answer
// is their argmax (first maximum on ties), the probabilities their softmax.
//
// The single-frame Answerer (BLIP-2 voting, the oracle, the reverse chain's pseudo-labels) answers every
// frame alone, all T frames in one batch: embed("Frame: ") ++ v_i ++ embed(qa_text), same two steps.
//
// Outputs are CPU tensors (fp32 logits). Call under NoGradGuard; safe from several threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "nn/sevila_model.h"
#include "nn/sevila_prompts.h"

namespace sevila::nn {

struct Answer {
  at::Tensor step0Logits;   // [V] logits of decoder step 0
  int64_t step0Token = -1;  // its greedy token
  at::Tensor letterLogits;  // [O] step-1 logits at the option letters
  at::Tensor letterProbs;   // [O] softmax of letterLogits
  int answer = -1;          // argmax of letterLogits (0 = option A)
};

struct FrameAnswers {
  at::Tensor letterLogits;   // [T, O]
  at::Tensor letterProbs;    // [T, O]
  at::Tensor step0Tokens;    // [T] int64
  std::vector<int> answers;  // [T] argmax per frame
};

// Token ids of the Answerer's prompt: "Frame j: " for j = 1..k and "Frame: " (each SentencePiece of the
// text without its trailing space + "▁", no EOS), and the family's answerer prompt with EOS, cut to
// maxTextTokens.
struct AnswererPromptIds {
  std::vector<std::vector<int64_t>> keyframePrefixes;  // k entries
  std::vector<int64_t> framePrefix;
  std::vector<int64_t> text;
};
AnswererPromptIds answererPromptIds(const T5Tokenizer& tokenizer, PromptFamily family,
                                    const std::string& question, const std::vector<std::string>& choices,
                                    int keyframes, int maxTextTokens = 77);

// Encoder input embeddings of one question: cat_j(prefix_j ++ v_j) ++ text, (sum, D), from the Answerer's
// visual tokens of the keyframes (k, Q, D).
at::Tensor answererInputs(Blip2ModelImpl& network, const at::Tensor& keyframeTokens,
                          const std::vector<std::vector<int64_t>>& keyframePrefixIds,
                          const std::vector<int64_t>& qaTextIds);

// The Answerer's two decoder steps over encoder inputs (B, L, D) and their mask (B, L) (1 = real,
// 0 = padding): step 0's logits (B, V), its greedy tokens (B) (or forcedToken when >= 0) and step 1's
// logits (B, V) after [start, token]; f32 and int64 on the CPU.
struct DecoderSteps {
  at::Tensor step0;
  at::Tensor tokens;
  at::Tensor step1;
};
DecoderSteps answererDecoderSteps(Blip2ModelImpl& network, const at::Tensor& embeds, const at::Tensor& mask,
                                  int64_t forcedToken = -1);
// The ids of the first numOptions option letters (O), on the CPU; throws for a count outside 1..5.
at::Tensor optionLetterIds(const SevilaOptions& options, int numOptions, int64_t vocab);
// An Answer from one row of the steps: step 0's logits (V), its token, step 1's logits (V).
Answer answerFromSteps(const at::Tensor& step0, int64_t token, const at::Tensor& step1,
                       const at::Tensor& letterIds);

// From the Answerer's visual tokens of the keyframes (k, Q, D), in time order; one prefix per keyframe.
Answer answerFromTokens(const SevilaModel& model, const at::Tensor& keyframeTokens,
                        const std::vector<std::vector<int64_t>>& keyframePrefixIds,
                        const std::vector<int64_t>& qaTextIds, int numOptions, const SevilaOptions& options);
// From the ViT output of all frames (T, N, W) and the keyframe indices (time order).
Answer answer(const SevilaModel& model, const at::Tensor& imageTokens, const std::vector<int64_t>& keyframes,
              const std::vector<std::vector<int64_t>>& keyframePrefixIds,
              const std::vector<int64_t>& qaTextIds, int numOptions, const SevilaOptions& options);
// From texts: numOptions = choices.size().
Answer answer(const SevilaModel& model, const at::Tensor& imageTokens, const std::vector<int64_t>& keyframes,
              PromptFamily family, const std::string& question, const std::vector<std::string>& choices,
              const SevilaOptions& options);

// Single-frame Answerer over every frame: from the Answerer's visual tokens (T, Q, D) ...
FrameAnswers answerEachFrameFromTokens(const SevilaModel& model, const at::Tensor& visualTokens,
                                       const std::vector<int64_t>& framePrefixIds,
                                       const std::vector<int64_t>& qaTextIds, int numOptions,
                                       const SevilaOptions& options);
// The reverse chain's reading (docs/method.md §8.5), from the Answerer's visual tokens (T, Q, D): step 1 is
// teacher-forced with decoder input [start, optionTokenId] ("Option", the target's first token) instead
// of the greedy step-0 token; step0Tokens then holds optionTokenId. With real weights both readings agree.
FrameAnswers answerEachFrameTeacherForced(const SevilaModel& model, const at::Tensor& visualTokens,
                                          const std::vector<int64_t>& framePrefixIds,
                                          const std::vector<int64_t>& qaTextIds, int numOptions,
                                          int64_t optionTokenId, const SevilaOptions& options);
// ... from the ViT output (T, N, W) ...
FrameAnswers answerEachFrame(const SevilaModel& model, const at::Tensor& imageTokens,
                             const std::vector<int64_t>& framePrefixIds,
                             const std::vector<int64_t>& qaTextIds, int numOptions,
                             const SevilaOptions& options);
// ... and from texts.
FrameAnswers answerEachFrame(const SevilaModel& model, const at::Tensor& imageTokens, PromptFamily family,
                             const std::string& question, const std::vector<std::string>& choices,
                             const SevilaOptions& options);

// 1 where that frame's answer equals groundTruth, else 0 (the reverse chain's "yes"/"no").
std::vector<int64_t> pseudoLabels(const FrameAnswers& answers, int groundTruth);
// BLIP-2 voting: the most frequent answer; ties go to the larger summed probability, then the lower option.
int majorityVote(const FrameAnswers& answers);
// The oracle: correct when any frame's answer is.
bool oracleCorrect(const FrameAnswers& answers, int groundTruth);

}  // namespace sevila::nn
