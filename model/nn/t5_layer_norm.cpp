#include "nn/t5_layer_norm.h"

#include <torch/torch.h>

namespace sevila::nn {

T5LayerNormImpl::T5LayerNormImpl(const T5LayerNormOptions& options_) : options(options_) {
  weight = register_parameter("weight", torch::ones({options.d_model()}));
}

at::Tensor T5LayerNormImpl::forward(const at::Tensor& x) {
  // Mean of squares in fp32 even for half inputs (T5 has no mean subtraction and no bias).
  const at::Tensor variance = x.to(at::kFloat).pow(2).mean(-1, /*keepdim=*/true);  // (..., 1)
  at::Tensor h = x * at::rsqrt(variance + options.eps());  // (..., D), promoted to fp32
  if (weight.scalar_type() == at::kHalf || weight.scalar_type() == at::kBFloat16)
    h = h.to(weight.scalar_type());
  return weight * h;  // (..., D)
}

}  // namespace sevila::nn
