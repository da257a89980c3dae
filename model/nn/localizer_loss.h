// Training the Localizer (docs/method.md §5, §8.3/§8.5): per frame the Localizer reads the same input as at
// inference (embed("Frame: ") ++ v_i ++ embed(loc_text)) and is taught the target "yes</s>" or
// "no</s>": labels [T, 2] = [4273 or 150, 1], decoder input = labels shifted right with start 0 (an
// ignored label, -100, becomes pad 0), loss = the mean T5 cross-entropy over every non-ignored label.
// The ViT and T5 are frozen; gradients flow only into the Localizer's bridge (ln_vision_loc,
// query_tokens_loc, Qformer_loc, t5_proj_loc). The gradients are returned by autograd::grad: nothing
// is accumulated into any parameter's .grad, so a shared model stays untouched. The network should be
// in eval mode (no dropout) for reproducible numbers; training code may put the Localizer in train mode.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "nn/sevila_model.h"

namespace sevila::nn {

struct LocalizerLoss {
  at::Tensor loss;    // scalar, attached to the autograd graph of the Localizer's parameters
  at::Tensor logits;  // [T, 2, V], detached
};

// The loss for the ViT output (T, N, W) (treated as a constant) and labels [T, 2] int64.
// Runs with gradient recording enabled whatever the caller's mode.
LocalizerLoss localizerLoss(const SevilaModel& model, const at::Tensor& imageTokens,
                            const std::vector<int64_t>& framePrefixIds,
                            const std::vector<int64_t>& locTextIds, const at::Tensor& labels);

// The loss's gradients with respect to the Localizer's parameters, by module path
// ("localizer.language_projection.weight", "localizer.query_tokens", ...), on the model's device.
std::map<std::string, at::Tensor> localizerGradients(const SevilaModel& model, const LocalizerLoss& loss);

// Labels [T, 2] from per-frame yes/no decisions: [yesId or noId, EOS].
at::Tensor localizerLabels(const std::vector<int64_t>& yes, const SevilaOptions& options, int64_t eosId = 1);

// For a training loop: requires_grad false on everything but the Localizer's bridge, true on it.
void freezeAllButLocalizer(Blip2ModelImpl& network);

}  // namespace sevila::nn
