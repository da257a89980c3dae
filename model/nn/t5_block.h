// One Flan-T5 block (HF `T5Block`): pre-norm residual sub-layers, `layer.0` self-attention,
// `layer.1` cross-attention to the encoder output (decoder only), then `layer.1` (encoder) /
// `layer.2` (decoder) the feed-forward. Each sub-layer is x + sublayer(T5LayerNorm(x)).
// Reads hidden [B, L, D] (+ encoder output [B, Lenc, D] in the decoder); writes [B, L, D].
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include "nn/config.h"
#include "nn/t5_attention.h"
#include "nn/t5_feed_forward.h"
#include "nn/t5_layer_norm.h"

namespace sevila::nn {

// x + SelfAttention(layer_norm(x), bias)
class T5LayerSelfAttentionImpl : public torch::nn::Module {
public:
  T5LayerSelfAttentionImpl(const T5Config& config, bool hasRelativeAttentionBias);
  at::Tensor forward(const at::Tensor& hidden, const at::Tensor& bias);
  T5Attention SelfAttention{nullptr};
  T5LayerNorm layer_norm{nullptr};

private:
  double m_dropout;  // on the sub-layer's output, training mode only
};
TORCH_MODULE(T5LayerSelfAttention);

// x + EncDecAttention(layer_norm(x), encoderHidden, bias); no position bias in cross-attention.
class T5LayerCrossAttentionImpl : public torch::nn::Module {
public:
  explicit T5LayerCrossAttentionImpl(const T5Config& config);
  at::Tensor forward(const at::Tensor& hidden, const at::Tensor& encoderHidden, const at::Tensor& bias);
  T5Attention EncDecAttention{nullptr};
  T5LayerNorm layer_norm{nullptr};

private:
  double m_dropout;  // on the sub-layer's output, training mode only
};
TORCH_MODULE(T5LayerCrossAttention);

// x + DenseReluDense(layer_norm(x))
class T5LayerFFImpl : public torch::nn::Module {
public:
  explicit T5LayerFFImpl(const T5Config& config);
  at::Tensor forward(const at::Tensor& hidden);
  T5FeedForward DenseReluDense{nullptr};
  T5LayerNorm layer_norm{nullptr};

private:
  double m_dropout;  // on the sub-layer's output, training mode only
};
TORCH_MODULE(T5LayerFF);

struct T5BlockOptions {
  explicit T5BlockOptions(T5Config config) : config_(std::move(config)) {}
  TORCH_ARG(T5Config, config);
  TORCH_ARG(bool, is_decoder) = false;                   // adds the cross-attention sub-layer
  TORCH_ARG(bool, has_relative_attention_bias) = false;  // block 0 of each stack
};

class T5BlockImpl : public torch::nn::Module {
public:
  explicit T5BlockImpl(const T5BlockOptions& options);
  // selfBias: [B|1, H, L, L] position bias + mask; crossBias: [B, 1, 1, Lenc] encoder padding mask.
  at::Tensor forward(const at::Tensor& hidden, const at::Tensor& selfBias,
                     const at::Tensor& encoderHidden = {}, const at::Tensor& crossBias = {});

  T5BlockOptions options;
  torch::nn::ModuleList layer{nullptr};           // checkpoint key segment `layer.N`
  T5LayerSelfAttention selfAttention{nullptr};    // = layer[0]
  T5LayerCrossAttention crossAttention{nullptr};  // = layer[1] in the decoder
  T5LayerFF feedForward{nullptr};                 // = layer[1] (encoder) or layer[2] (decoder)
};
TORCH_MODULE(T5Block);

// fp16 only: clamp to the finite range as HF T5 does, so an overflow does not become inf/NaN.
at::Tensor clampFp16(const at::Tensor& hidden);

}  // namespace sevila::nn
