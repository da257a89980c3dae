// T5LayerNorm: the RMS norm used before every T5 sub-layer and after each stack (Flan-T5 box of
// Figure 2). y = weight * x / sqrt(mean(x^2) + eps): no mean subtraction, no bias. The mean of squares
// is computed in fp32 whatever the input dtype; a half/bf16 weight gets its own dtype back (as HF).
// Reads  [..., D]; writes [..., D].
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

namespace sevila::nn {

struct T5LayerNormOptions {
  explicit T5LayerNormOptions(int64_t dModel) : d_model_(dModel) {}
  TORCH_ARG(int64_t, d_model);    // width of the normalised axis
  TORCH_ARG(double, eps) = 1e-6;  // added to the mean of squares (layer_norm_epsilon)
};

class T5LayerNormImpl : public torch::nn::Module {
public:
  explicit T5LayerNormImpl(const T5LayerNormOptions& options);
  at::Tensor forward(const at::Tensor& x);

  T5LayerNormOptions options;
  at::Tensor weight;  // [D], checkpoint key segment `weight`
};
TORCH_MODULE(T5LayerNorm);

}  // namespace sevila::nn
