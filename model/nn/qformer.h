// Figure 2, "Q-Former": BLIP-2's querying transformer, a BERT-base encoder run over the learned query
// tokens only (no text enters it in BLIP-2-T5 / SeViLA). Reads the query embeddings (B, Q, H) and the
// image tokens (B, N, Wenc) after the role's ViT norm; writes (B, Q, H). Post-norm BERT layers:
// self-attention over the queries, cross-attention to the image every cross_attention_frequency
// layers (0, 2, 4, ...; key/value map Wenc -> H), then the query FFN (intermediate_query /
// output_query). The text FFN of the checkpoint (intermediate / output) is never built: the loader
// accepts and ignores it. Under the prefix `qformer.` named_parameters() are the HF names.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "nn/config.h"
#include "nn/forward_trace.h"

namespace sevila::nn {

struct QFormerOptions {
  explicit QFormerOptions(QFormerConfig config) : config_(std::move(config)) {}
  /// Width, depth, heads, FFN width, cross-attention frequency, image-token width, eps, activation.
  TORCH_ARG(QFormerConfig, config);
};

// BERT's BertSelfAttention (HF Blip2QFormerMultiHeadAttention): query/key/value with bias.
class QFormerMultiHeadAttentionImpl : public torch::nn::Module {
public:
  QFormerMultiHeadAttentionImpl(int64_t width, int64_t keyValueWidth, int64_t heads, double dropout = 0.0);
  // hidden (B,Q,H) attends to context (B,K,Wkv); additiveMask broadcastable to (B,heads,Q,K) or undefined.
  at::Tensor forward(const at::Tensor& hidden, const at::Tensor& context, const at::Tensor& additiveMask);

  torch::nn::Linear query{nullptr}, key{nullptr}, value{nullptr};

private:
  int64_t m_heads;
  double m_dropout;  // on the attention probabilities, training mode only
};
TORCH_MODULE(QFormerMultiHeadAttention);

// dense + LayerNorm over a residual: LN(dense(x) + residual) (BertSelfOutput / BertOutput).
class QFormerOutputImpl : public torch::nn::Module {
public:
  QFormerOutputImpl(int64_t in, int64_t width, double eps, double dropout = 0.0);
  at::Tensor forward(const at::Tensor& x, const at::Tensor& residual);

  torch::nn::Linear dense{nullptr};
  torch::nn::LayerNorm LayerNorm{nullptr};  // the checkpoint's key segment is "LayerNorm"

private:
  double m_dropout;  // on dense(x) before the residual, training mode only
};
TORCH_MODULE(QFormerOutput);

// attention.{attention, output}: LN(x + dense(attn(x, context))).
class QFormerAttentionImpl : public torch::nn::Module {
public:
  QFormerAttentionImpl(int64_t width, int64_t keyValueWidth, int64_t heads, double eps,
                       double attentionDropout = 0.0, double hiddenDropout = 0.0);
  at::Tensor forward(const at::Tensor& hidden, const at::Tensor& context, const at::Tensor& additiveMask);

  QFormerMultiHeadAttention attention{nullptr};
  QFormerOutput output{nullptr};
};
TORCH_MODULE(QFormerAttention);

class QFormerIntermediateImpl : public torch::nn::Module {
public:
  QFormerIntermediateImpl(int64_t width, int64_t hidden, Activation activation);
  at::Tensor forward(const at::Tensor& x);  // (B,Q,H) -> (B,Q,F)

  torch::nn::Linear dense{nullptr};

private:
  Activation m_activation;
};
TORCH_MODULE(QFormerIntermediate);

class QFormerLayerImpl : public torch::nn::Module {
public:
  QFormerLayerImpl(const QFormerConfig& config, bool hasCrossAttention);
  // Taps: attention, crossattention (when present).
  at::Tensor forward(const at::Tensor& queries, const at::Tensor& image, const at::Tensor& imageMask,
                     const ForwardTrace& trace = ForwardTrace());

  QFormerAttention attention{nullptr};
  QFormerAttention crossattention{nullptr};  // null in layers without cross-attention
  QFormerIntermediate intermediate_query{nullptr};
  QFormerOutput output_query{nullptr};
};
TORCH_MODULE(QFormerLayer);

class QFormerEncoderImpl : public torch::nn::Module {
public:
  explicit QFormerEncoderImpl(const QFormerConfig& config);
  torch::nn::ModuleList layer{nullptr};
};
TORCH_MODULE(QFormerEncoder);

class QFormerImpl : public torch::nn::Module {
public:
  explicit QFormerImpl(QFormerOptions options);

  // queryTokens (1 or B, Q, H), image (B, N, Wenc), imageMask (B, N) of 1/0 or undefined (= all ones).
  // Returns the last layer's output (B, Q, H) (no final norm). Taps: embeddings, layer.i,
  // layer.i.attention, layer.i.crossattention, last_hidden_state.
  at::Tensor forward(const at::Tensor& queryTokens, const at::Tensor& image, const at::Tensor& imageMask = {},
                     const ForwardTrace& trace = ForwardTrace());

  const QFormerConfig& config() const { return m_options.config(); }

  torch::nn::LayerNorm layernorm{nullptr};
  QFormerEncoder encoder{nullptr};

private:
  QFormerOptions m_options;
};
TORCH_MODULE(QFormer);

}  // namespace sevila::nn
