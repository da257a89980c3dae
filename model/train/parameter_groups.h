// The AdamW parameter groups of LAVIS's runner (docs/method.md §8.1): among the parameters that require a
// gradient, weight decay applies to those with ndim >= 2 whose LAVIS name contains none of "bias",
// "ln", "bn" (so query_tokens(_loc) and t5_proj(_loc).weight decay; ln_vision(_loc), LayerNorms and
// biases do not). Names are the LAVIS checkpoint names from the one name map (nn/weight_names.h).
#pragma once

#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

namespace sevila::nn {
class Blip2ModelImpl;
}

namespace sevila::train {

struct NamedParameter {
  std::string modulePath;  // e.g. "localizer.language_projection.weight"
  std::string lavisName;   // e.g. "t5_proj_loc.weight"
  at::Tensor tensor;
};

struct ParameterGroups {
  std::vector<NamedParameter> decay;
  std::vector<NamedParameter> noDecay;
  size_t size() const { return decay.size() + noDecay.size(); }
};

// The LAVIS name of a module path (the first key the name map gives for the Lavis layout).
// Throws sevila::Error for a parameter the map does not know.
std::string lavisName(const std::string& modulePath);

// LAVIS's rule on one parameter.
bool lavisDecays(const std::string& lavisName, int64_t ndim);

// The groups over `network`'s parameters that require a gradient, in named_parameters() order.
ParameterGroups lavisParameterGroups(nn::Blip2ModelImpl& network);

}  // namespace sevila::train
