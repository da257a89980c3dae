#include "nn/language_projection.h"

#include <cmath>

#include <torch/torch.h>

namespace sevila::nn {

LanguageProjectionImpl::LanguageProjectionImpl(LanguageProjectionOptions o) {
  const double bound = 1.0 / std::sqrt(static_cast<double>(o.in()));  // nn.Linear's initialisation
  weight = register_parameter("weight", torch::empty({o.out(), o.in()}).uniform_(-bound, bound));
  bias = register_parameter("bias", torch::empty({o.out()}).uniform_(-bound, bound));
}

at::Tensor LanguageProjectionImpl::forward(const at::Tensor& x) {
  return at::linear(x.to(weight.scalar_type()), weight, bias);  // (B, Q, D)
}

}  // namespace sevila::nn
