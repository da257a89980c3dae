// Figure 2, "Visual Encoder": the frozen EVA-CLIP ViT-g/14 of BLIP-2 (39 pre-norm blocks, width 1408).
// Reads pixel_values (T, 3, S, S), already normalised; writes the encoder output (T, N, W) with
// N = 1 + (S/14)², WITHOUT a final norm (the norm after it, HF `post_layernorm` / LAVIS `ln_vision`,
// belongs to each role: Blip2Model applies it). All T frames are encoded in one batched call.
// Children carry the Hugging Face key segments, so under the prefix `vision_model.`
// named_parameters() are exactly the HF safetensors names.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "nn/config.h"
#include "nn/forward_trace.h"

namespace sevila::nn {

struct EvaVitOptions {
  explicit EvaVitOptions(VisionConfig config) : config_(std::move(config)) {}
  /// The sizes: width, depth, heads, MLP width, image and patch size, eps, activation.
  TORCH_ARG(VisionConfig, config);
};

// Class token + patch convolution + absolute position embedding.
class EvaVitEmbeddingsImpl : public torch::nn::Module {
public:
  explicit EvaVitEmbeddingsImpl(const VisionConfig& config);
  at::Tensor forward(const at::Tensor& pixelValues);  // (T,3,S,S) -> (T,N,W)

  at::Tensor class_embedding;     // (1, 1, W)
  at::Tensor position_embedding;  // (1, 1 + (image/patch)², W)
  torch::nn::Conv2d patch_embedding{nullptr};

private:
  at::Tensor positionsFor(int64_t gridH, int64_t gridW);
  int64_t m_grid;
};
TORCH_MODULE(EvaVitEmbeddings);

// Multi-head self-attention with one fused qkv projection whose bias is [q_bias, 0, v_bias].
class EvaVitAttentionImpl : public torch::nn::Module {
public:
  EvaVitAttentionImpl(int64_t width, int64_t heads, bool qkvBias);
  at::Tensor forward(const at::Tensor& x);  // (T,N,W) -> (T,N,W)

  torch::nn::Linear qkv{nullptr};
  torch::nn::Linear projection{nullptr};

private:
  int64_t m_heads;
};
TORCH_MODULE(EvaVitAttention);

class EvaVitMlpImpl : public torch::nn::Module {
public:
  EvaVitMlpImpl(int64_t width, int64_t hidden, Activation activation);
  at::Tensor forward(const at::Tensor& x);  // (T,N,W) -> (T,N,W)

  torch::nn::Linear fc1{nullptr};
  torch::nn::Linear fc2{nullptr};

private:
  Activation m_activation;
};
TORCH_MODULE(EvaVitMlp);

// Pre-norm block: x += attn(LN1(x)); x += mlp(LN2(x)).
class EvaVitLayerImpl : public torch::nn::Module {
public:
  explicit EvaVitLayerImpl(const VisionConfig& config);
  at::Tensor forward(const at::Tensor& x, const ForwardTrace& trace = ForwardTrace());

  torch::nn::LayerNorm layer_norm1{nullptr};
  EvaVitAttention self_attn{nullptr};
  torch::nn::LayerNorm layer_norm2{nullptr};
  EvaVitMlp mlp{nullptr};
};
TORCH_MODULE(EvaVitLayer);

class EvaVitEncoderImpl : public torch::nn::Module {
public:
  explicit EvaVitEncoderImpl(const VisionConfig& config);
  torch::nn::ModuleList layers{nullptr};
};
TORCH_MODULE(EvaVitEncoder);

class EvaVitImpl : public torch::nn::Module {
public:
  explicit EvaVitImpl(EvaVitOptions options);

  // (T,3,S,S) -> (T,N,W), no final norm. Taps: embeddings, layer.i.self_attn, layer.i,
  // last_hidden_state. S may differ from the configured image size (position embeddings are then
  // interpolated bicubically, as LAVIS's interpolate_pos_embed).
  at::Tensor forward(const at::Tensor& pixelValues, const ForwardTrace& trace = ForwardTrace());

  const VisionConfig& config() const { return m_options.config(); }

  EvaVitEmbeddings embeddings{nullptr};
  EvaVitEncoder encoder{nullptr};
  // HF's vision_model.post_layernorm (LAVIS ln_vision): applied by the caller, see Blip2Model.
  torch::nn::LayerNorm post_layernorm{nullptr};

private:
  EvaVitOptions m_options;
};
TORCH_MODULE(EvaVit);

}  // namespace sevila::nn
