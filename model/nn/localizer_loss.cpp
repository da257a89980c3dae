#include "nn/localizer_loss.h"

#include <torch/torch.h>

#include "core/error.h"
#include "nn/localizer.h"
#include "nn/shape_text.h"
#include "nn/teacher_forcing.h"

namespace sevila::nn {

LocalizerLoss localizerLoss(const SevilaModel& model, const at::Tensor& imageTokens,
                            const std::vector<int64_t>& framePrefixIds,
                            const std::vector<int64_t>& locTextIds, const at::Tensor& labels) {
  Blip2ModelImpl& network = model.network();
  if (imageTokens.dim() != 3)
    throw Error("Localizer loss", "ViT output must be (T, N, W), got " + shapeText(imageTokens.sizes()));
  if (labels.dim() != 2 || labels.size(0) != imageTokens.size(0))
    throw Error("Localizer loss", "labels must be (T, S) with T = " + std::to_string(imageTokens.size(0)) +
                                      " frames, got " + shapeText(labels.sizes()));
  torch::AutoGradMode enableGrad(true);
  // The frozen ViT's output carries no gradient; a ViT that trains (a model from scratch) gets one.
  const auto tokens = network.visualTokens(imageTokens, Role::Localizer);            // (T, Q, D)
  const auto embeds = localizerInputs(network, tokens, framePrefixIds, locTextIds);  // (T, L, D)
  const auto mask =
      torch::ones({embeds.size(0), embeds.size(1)}, torch::dtype(at::kLong).device(embeds.device()));
  const TeacherForcedLoss t =
      teacherForcedLoss(*network.language_model, embeds, mask, labels, "Localizer loss");
  return LocalizerLoss{t.loss, t.logits};
}

std::map<std::string, at::Tensor> localizerGradients(const SevilaModel& model, const LocalizerLoss& loss) {
  Blip2ModelImpl& network = model.network();
  if (!network.hasLocalizer()) throw Error("Localizer loss", "the model has no Localizer");
  if (!loss.loss.defined() || !loss.loss.requires_grad())
    throw Error("Localizer loss", "the loss carries no gradient graph",
                "compute it with localizerLoss() on a Localizer whose parameters require gradients");
  std::vector<std::string> names;
  std::vector<at::Tensor> parameters;
  for (const auto& item : network.localizer->named_parameters(/*recurse=*/true)) {
    if (!item.value().requires_grad())
      throw Error("Localizer loss", "localizer." + item.key() + " does not require gradients",
                  "the Localizer's bridge is the trainable part: keep requires_grad on it");
    names.push_back("localizer." + item.key());
    parameters.push_back(item.value());
  }
  const auto grads = torch::autograd::grad({loss.loss}, parameters, {}, /*retain_graph=*/true,
                                           /*create_graph=*/false, /*allow_unused=*/true);
  std::map<std::string, at::Tensor> out;
  for (size_t i = 0; i < names.size(); ++i)
    out[names[i]] = grads[i].defined() ? grads[i] : torch::zeros_like(parameters[i]);
  return out;
}

at::Tensor localizerLabels(const std::vector<int64_t>& yes, const SevilaOptions& options, int64_t eosId) {
  std::vector<int64_t> flat;
  for (const int64_t y : yes) {
    flat.push_back(y ? options.yesId : options.noId);
    flat.push_back(eosId);
  }
  return torch::tensor(flat, torch::dtype(at::kLong))
      .reshape({static_cast<int64_t>(yes.size()), 2});  // (T, 2)
}

void freezeAllButLocalizer(Blip2ModelImpl& network) {
  for (auto& item : network.named_parameters(/*recurse=*/true))
    item.value().set_requires_grad(item.key().rfind("localizer.", 0) == 0);
}

}  // namespace sevila::nn
