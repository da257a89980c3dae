#include "nn/answerer_loss.h"

#include <torch/torch.h>

#include "core/error.h"
#include "nn/shape_text.h"
#include "nn/teacher_forcing.h"

namespace sevila::nn {

AnswererLoss answererLoss(const SevilaModel& model, const at::Tensor& keyframeImageTokens,
                          const std::vector<std::vector<int64_t>>& keyframePrefixIds,
                          const std::vector<int64_t>& qaTextIds, const std::vector<int64_t>& targets) {
  Blip2ModelImpl& network = model.network();
  if (keyframeImageTokens.dim() != 3 || keyframeImageTokens.size(0) < 1)
    throw Error("Answerer loss",
                "keyframe ViT output must be (k, N, W), got " + shapeText(keyframeImageTokens.sizes()));
  const int64_t k = keyframeImageTokens.size(0);
  if (static_cast<int64_t>(keyframePrefixIds.size()) != k)
    throw Error("Answerer loss", std::to_string(keyframePrefixIds.size()) + " keyframe prefixes for " +
                                     std::to_string(k) + " keyframes");
  if (targets.empty()) throw Error("Answerer loss", "no target tokens");
  const int64_t vocab = network.language_model->config().vocab_size;
  auto embedIds = [&](const std::vector<int64_t>& ids, const char* what) {
    if (ids.empty()) throw Error("Answerer loss", std::string(what) + ": no token ids");
    for (const int64_t id : ids)
      if (id < 0 || id >= vocab)
        throw Error("Answerer loss", std::string(what) + ": token id outside the vocabulary");
    return network.language_model->embed(
        torch::tensor(ids, torch::dtype(at::kLong)).to(network.device()));  // (L, D)
  };
  torch::AutoGradMode enableGrad(true);
  // No detach: a ViT that trains (a model from scratch) gets its gradient; a frozen one has none.
  const auto tokens = network.visualTokens(keyframeImageTokens, Role::Answerer);  // (k, Q, D)
  std::vector<at::Tensor> parts;
  for (int64_t j = 0; j < k; ++j) {
    parts.push_back(embedIds(keyframePrefixIds[static_cast<size_t>(j)], "keyframe prefix"));  // (P_j, D)
    parts.push_back(tokens[j]);                                                               // (Q, D)
  }
  parts.push_back(embedIds(qaTextIds, "Answerer prompt"));  // (L, D)
  const auto embeds = torch::cat(parts, 0).unsqueeze(0);    // (1, sum, D)
  const auto mask = torch::ones({1, embeds.size(1)}, torch::dtype(at::kLong).device(embeds.device()));
  const auto target = torch::tensor(targets, torch::dtype(at::kLong)).unsqueeze(0);  // (1, S)
  const TeacherForcedLoss t =
      teacherForcedLoss(*network.language_model, embeds, mask, target, "Answerer loss");
  return AnswererLoss{t.loss, t.logits};
}

std::vector<int64_t> answererTargets(int groundTruth, int numOptions, int64_t optionTokenId,
                                     const SevilaOptions& options, int64_t eosId) {
  if (numOptions < 1 || numOptions > static_cast<int>(options.letterIds.size()))
    throw Error("Answerer targets", "between 1 and " + std::to_string(options.letterIds.size()) +
                                        " options, got " + std::to_string(numOptions));
  if (groundTruth < 0 || groundTruth >= numOptions)
    throw Error("Answerer targets", "ground truth " + std::to_string(groundTruth) + " outside the " +
                                        std::to_string(numOptions) + " options");
  return {optionTokenId, options.letterIds[static_cast<size_t>(groundTruth)], eosId};
}

int64_t optionTokenId(const T5Tokenizer& tokenizer) {
  const auto ids = tokenizer.encode("Option", /*addEos=*/false);
  if (ids.empty()) throw Error("tokenizer", "\"Option\" encodes to no tokens");
  return ids.front();
}

bool isAnswererParameter(const std::string& path) {
  return path == "query_tokens" || path.rfind("qformer.", 0) == 0 ||
         path.rfind("language_projection.", 0) == 0 || path.rfind("vision_model.post_layernorm.", 0) == 0;
}

bool isLocalizerParameter(const std::string& path) {
  return path.rfind("localizer.", 0) == 0;
}

void freezeAllButAnswerer(Blip2ModelImpl& network) {
  for (auto& item : network.named_parameters(/*recurse=*/true))
    item.value().set_requires_grad(isAnswererParameter(item.key()));
}

}  // namespace sevila::nn
