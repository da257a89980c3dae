#include "nn/t5_block.h"

#include <limits>

#include <torch/torch.h>

#include "nn/dropout.h"

namespace sevila::nn {

namespace {
T5AttentionOptions attentionOptions(const T5Config& c, bool hasBias) {
  return T5AttentionOptions(c.d_model, c.d_kv, c.num_heads)
      .has_relative_attention_bias(hasBias)
      .relative_attention_num_buckets(c.relative_attention_num_buckets)
      .dropout_rate(c.dropout_rate);
}
T5LayerNorm layerNorm(const T5Config& c) {
  return T5LayerNorm(T5LayerNormOptions(c.d_model).eps(c.layer_norm_epsilon));
}
}  // namespace

at::Tensor clampFp16(const at::Tensor& hidden) {
  if (hidden.scalar_type() != at::kHalf) return hidden;
  const double top = static_cast<double>(std::numeric_limits<c10::Half>::max());
  const double clampValue = torch::isinf(hidden).any().item<bool>() ? top - 1000.0 : top;
  return torch::clamp(hidden, -clampValue, clampValue);
}

T5LayerSelfAttentionImpl::T5LayerSelfAttentionImpl(const T5Config& config, bool hasRelativeAttentionBias)
    : m_dropout(config.dropout_rate) {
  SelfAttention =
      register_module("SelfAttention", T5Attention(attentionOptions(config, hasRelativeAttentionBias)));
  layer_norm = register_module("layer_norm", layerNorm(config));
}

at::Tensor T5LayerSelfAttentionImpl::forward(const at::Tensor& hidden, const at::Tensor& bias) {
  return hidden + trainingDropout(SelfAttention->forward(layer_norm->forward(hidden), {}, bias), m_dropout,
                                  is_training());  // (B, L, D)
}

T5LayerCrossAttentionImpl::T5LayerCrossAttentionImpl(const T5Config& config)
    : m_dropout(config.dropout_rate) {
  EncDecAttention = register_module("EncDecAttention", T5Attention(attentionOptions(config, false)));
  layer_norm = register_module("layer_norm", layerNorm(config));
}

at::Tensor T5LayerCrossAttentionImpl::forward(const at::Tensor& hidden, const at::Tensor& encoderHidden,
                                              const at::Tensor& bias) {
  return hidden + trainingDropout(EncDecAttention->forward(layer_norm->forward(hidden), encoderHidden, bias),
                                  m_dropout,
                                  is_training());  // (B, L, D)
}

T5LayerFFImpl::T5LayerFFImpl(const T5Config& config) : m_dropout(config.dropout_rate) {
  DenseReluDense =
      register_module("DenseReluDense", T5FeedForward(T5FeedForwardOptions(config.d_model, config.d_ff)
                                                          .gated(config.is_gated_act)
                                                          .activation(config.dense_act_fn)
                                                          .dropout_rate(config.dropout_rate)));
  layer_norm = register_module("layer_norm", layerNorm(config));
}

at::Tensor T5LayerFFImpl::forward(const at::Tensor& hidden) {
  return hidden + trainingDropout(DenseReluDense->forward(layer_norm->forward(hidden)), m_dropout,
                                  is_training());  // (B, L, D)
}

T5BlockImpl::T5BlockImpl(const T5BlockOptions& options_) : options(options_) {
  const T5Config& c = options.config();
  layer = torch::nn::ModuleList();
  selfAttention = T5LayerSelfAttention(c, options.has_relative_attention_bias());
  layer->push_back(selfAttention);
  if (options.is_decoder()) {
    crossAttention = T5LayerCrossAttention(c);
    layer->push_back(crossAttention);
  }
  feedForward = T5LayerFF(c);
  layer->push_back(feedForward);
  register_module("layer", layer);
}

at::Tensor T5BlockImpl::forward(const at::Tensor& hidden, const at::Tensor& selfBias,
                                const at::Tensor& encoderHidden, const at::Tensor& crossBias) {
  at::Tensor x = clampFp16(selfAttention->forward(hidden, selfBias));  // (B, L, D)
  if (options.is_decoder()) {
    TORCH_CHECK(encoderHidden.defined(), "T5Block: the decoder needs the encoder output");
    x = clampFp16(crossAttention->forward(x, encoderHidden, crossBias));  // (B, L, D)
  }
  return clampFp16(feedForward->forward(x));  // (B, L, D)
}

}  // namespace sevila::nn
