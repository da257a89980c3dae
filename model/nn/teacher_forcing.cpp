#include "nn/teacher_forcing.h"

#include <torch/torch.h>

#include "core/error.h"
#include "nn/shape_text.h"

namespace sevila::nn {

TeacherForcedLoss teacherForcedLoss(T5ModelImpl& t5, const at::Tensor& inputsEmbeds,
                                    const at::Tensor& attentionMask, const at::Tensor& targets,
                                    const std::string& subject) {
  if (targets.dim() != 2 || targets.size(0) != inputsEmbeds.size(0))
    throw Error(subject, "targets must be (B, S) with B = " + std::to_string(inputsEmbeds.size(0)) +
                             ", got " + shapeText(targets.sizes()));
  if (targets.is_floating_point()) throw Error(subject, "targets must be integer token ids");
  const int64_t vocab = t5.config().vocab_size;
  const auto target = targets.to(at::kLong).to(inputsEmbeds.device());  // (B, S)
  if ((((target < 0) & (target != -100)) | (target >= vocab)).any().item<bool>())
    throw Error(subject, "a target lies outside the vocabulary (and is not -100)");
  const auto encoded = t5.encode(inputsEmbeds, attentionMask);  // (B, L, D)
  // Shift right: [start, targets[:, :-1]], ignored positions fed as pad (HF's _shift_right).
  const auto start = torch::full({target.size(0), 1}, t5.config().decoder_start_token_id, target.options());
  auto decoderIds = torch::cat({start, target.narrow(1, 0, target.size(1) - 1)}, 1);  // (B, S)
  decoderIds = decoderIds.masked_fill(decoderIds == -100, t5.config().pad_token_id);
  const auto logits = t5.decode(decoderIds, encoded, attentionMask);  // (B, S, V)
  TeacherForcedLoss out;
  out.loss = torch::nn::functional::cross_entropy(
      logits.to(at::kFloat).reshape({-1, logits.size(2)}), target.reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));  // mean over non-ignored targets
  out.logits = logits.detach();
  return out;
}

}  // namespace sevila::nn
