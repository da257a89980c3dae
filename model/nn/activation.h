// The activation functions the configs name: exact (erf) GELU, tanh-approximated GELU (HF "gelu_new")
// and ReLU. One function, so every network applies the flavour's choice the same way.
#pragma once

#include <ATen/core/Tensor.h>

#include "nn/config.h"

namespace sevila::nn {

at::Tensor activate(const at::Tensor& x, Activation activation);
const char* activationName(Activation activation);  // "gelu", "gelu_new", "relu"

}  // namespace sevila::nn
