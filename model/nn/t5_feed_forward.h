// T5 feed-forward (HF `DenseReluDense`) of every Flan-T5 block. Flan-T5 uses a gated FFN:
// wo(act(wi_0 x) * wi_1 x), act = GELU (exact in SeViLA/LAVIS, tanh "gelu_new" in Hugging Face's
// config); the original T5 uses the non-gated wo(relu(wi x)). No biases.
// Reads [B, L, D]; writes [B, L, D].
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include "nn/config.h"

namespace sevila::nn {

struct T5FeedForwardOptions {
  T5FeedForwardOptions(int64_t dModel, int64_t dFf) : d_model_(dModel), d_ff_(dFf) {}
  TORCH_ARG(int64_t, d_model);
  TORCH_ARG(int64_t, d_ff);
  TORCH_ARG(bool, gated) = true;                              // wi_0/wi_1 (gated) or wi (plain)
  TORCH_ARG(Activation, activation) = Activation::GeluExact;  // applied to wi_0 x (or wi x)
  TORCH_ARG(double, dropout_rate) = 0.0;                      // before wo, in training mode only
};

// y = act(x), for the activations a config can name (exact GELU, tanh GELU as HF's gelu_new, ReLU).
at::Tensor applyActivation(const at::Tensor& x, Activation activation);

class T5FeedForwardImpl : public torch::nn::Module {
public:
  explicit T5FeedForwardImpl(const T5FeedForwardOptions& options);
  at::Tensor forward(const at::Tensor& x);

  T5FeedForwardOptions options;
  torch::nn::Linear wi_0{nullptr}, wi_1{nullptr};  // gated
  torch::nn::Linear wi{nullptr};                   // non-gated
  torch::nn::Linear wo{nullptr};
};
TORCH_MODULE(T5FeedForward);

}  // namespace sevila::nn
