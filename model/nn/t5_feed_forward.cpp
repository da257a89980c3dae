#include "nn/t5_feed_forward.h"

#include <cmath>

#include <torch/torch.h>

#include "nn/narrow_weights.h"

#include "nn/dropout.h"

namespace sevila::nn {

namespace {
torch::nn::Linear noBiasLinear(int64_t in, int64_t out) {
  return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(false));
}
}  // namespace

at::Tensor applyActivation(const at::Tensor& x, Activation activation) {
  switch (activation) {
    case Activation::GeluExact:
      return torch::gelu(x);
    case Activation::GeluTanh: {
      // HF NewGELUActivation ("gelu_new"), written out so the rounding follows the reference formula.
      const double c = 0.7978845608028654;  // sqrt(2 / pi)
      return 0.5 * x * (1.0 + torch::tanh(c * (x + 0.044715 * torch::pow(x, 3.0))));
    }
    case Activation::Relu:
      return torch::relu(x);
  }
  return torch::gelu(x);
}

T5FeedForwardImpl::T5FeedForwardImpl(const T5FeedForwardOptions& options_) : options(options_) {
  if (options.gated()) {
    wi_0 = register_module("wi_0", noBiasLinear(options.d_model(), options.d_ff()));
    wi_1 = register_module("wi_1", noBiasLinear(options.d_model(), options.d_ff()));
  } else {
    wi = register_module("wi", noBiasLinear(options.d_model(), options.d_ff()));
  }
  wo = register_module("wo", noBiasLinear(options.d_ff(), options.d_model()));
}

at::Tensor T5FeedForwardImpl::forward(const at::Tensor& x) {
  at::Tensor h;
  if (options.gated()) {
    // Flan-T5: gated GELU, act(wi_0 x) * wi_1 x.
    h = applyActivation(applyLinear(*wi_0, x), options.activation()) * applyLinear(*wi_1, x);  // (B, L, d_ff)
  } else {
    h = applyActivation(applyLinear(*wi, x), options.activation());  // (B, L, d_ff)
  }
  h = trainingDropout(h, options.dropout_rate(), is_training());
  // HF keeps wo in fp32 for some half checkpoints: a wider wo takes h up to its type (a narrower one
  // is bf16 storage under f32 arithmetic, widened by applyLinear).
  const auto woType = wo->weight.scalar_type();
  if (h.scalar_type() != woType && c10::promoteTypes(h.scalar_type(), woType) == woType) h = h.to(woType);
  return applyLinear(*wo, h);  // (B, L, D)
}

}  // namespace sevila::nn
