#include "train/parameter_groups.h"

#include <torch/torch.h>

#include "nn/blip2_model.h"
#include "core/error.h"
#include "nn/weight_names.h"

namespace sevila::train {

std::string lavisName(const std::string& modulePath) {
  const auto key = nn::checkpointKey(modulePath, nn::CheckpointLayout::Lavis);
  if (!key || key->keys.empty())
    throw Error("parameter groups", "no LAVIS name for the parameter " + modulePath);
  return key->keys.front();
}

bool lavisDecays(const std::string& name, int64_t ndim) {
  const bool exempt = name.find("bias") != std::string::npos || name.find("ln") != std::string::npos ||
                      name.find("bn") != std::string::npos;
  return ndim >= 2 && !exempt;
}

ParameterGroups lavisParameterGroups(nn::Blip2ModelImpl& network) {
  ParameterGroups groups;
  for (const auto& item : network.named_parameters(/*recurse=*/true)) {
    if (!item.value().requires_grad()) continue;
    NamedParameter p{item.key(), lavisName(item.key()), item.value()};
    (lavisDecays(p.lavisName, p.tensor.dim()) ? groups.decay : groups.noDecay).push_back(std::move(p));
  }
  return groups;
}

}  // namespace sevila::train
