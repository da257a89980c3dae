#include "nn/qformer.h"

#include <cmath>

#include <torch/torch.h>

#include "nn/narrow_weights.h"

#include "nn/activation.h"
#include "nn/attention.h"
#include "nn/dropout.h"
#include "core/error.h"
#include "nn/shape_text.h"

namespace sevila::nn {

QFormerMultiHeadAttentionImpl::QFormerMultiHeadAttentionImpl(int64_t width, int64_t keyValueWidth,
                                                             int64_t heads, double dropout)
    : m_heads(heads), m_dropout(dropout) {
  query = register_module("query", torch::nn::Linear(width, width));
  key = register_module("key", torch::nn::Linear(keyValueWidth, width));
  value = register_module("value", torch::nn::Linear(keyValueWidth, width));
}

at::Tensor QFormerMultiHeadAttentionImpl::forward(const at::Tensor& hidden, const at::Tensor& context,
                                                  const at::Tensor& additiveMask) {
  auto q = splitHeads(applyLinear(*query, hidden), m_heads);   // (B, h, Q, d)
  auto k = splitHeads(applyLinear(*key, context), m_heads);    // (B, h, K, d)
  auto v = splitHeads(applyLinear(*value, context), m_heads);  // (B, h, K, d)
  const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(3)));
  c10::optional<at::Tensor> mask;
  if (additiveMask.defined()) mask = additiveMask;
  const double dropout = is_training() ? m_dropout : 0.0;
  return mergeHeads(scaledDotProductAttention(q, k, v, mask, scale, dropout));  // (B, Q, H)
}

QFormerOutputImpl::QFormerOutputImpl(int64_t in, int64_t width, double eps, double dropout)
    : m_dropout(dropout) {
  dense = register_module("dense", torch::nn::Linear(in, width));
  LayerNorm =
      register_module("LayerNorm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({width}).eps(eps)));
}

at::Tensor QFormerOutputImpl::forward(const at::Tensor& x, const at::Tensor& residual) {
  return LayerNorm->forward(trainingDropout(applyLinear(*dense, x), m_dropout, is_training()) +
                            residual);  // (B, Q, H)
}

QFormerAttentionImpl::QFormerAttentionImpl(int64_t width, int64_t keyValueWidth, int64_t heads, double eps,
                                           double attentionDropout, double hiddenDropout) {
  attention =
      register_module("attention", QFormerMultiHeadAttention(width, keyValueWidth, heads, attentionDropout));
  output = register_module("output", QFormerOutput(width, width, eps, hiddenDropout));
}

at::Tensor QFormerAttentionImpl::forward(const at::Tensor& hidden, const at::Tensor& context,
                                         const at::Tensor& additiveMask) {
  return output->forward(attention->forward(hidden, context, additiveMask), hidden);  // (B, Q, H)
}

QFormerIntermediateImpl::QFormerIntermediateImpl(int64_t width, int64_t hidden, Activation activation)
    : m_activation(activation) {
  dense = register_module("dense", torch::nn::Linear(width, hidden));
}

at::Tensor QFormerIntermediateImpl::forward(const at::Tensor& x) {
  return activate(applyLinear(*dense, x), m_activation);  // (B, Q, F)
}

QFormerLayerImpl::QFormerLayerImpl(const QFormerConfig& c, bool hasCrossAttention) {
  const auto h = c.hidden_size;
  const double pa = c.attention_probs_dropout_prob, ph = c.hidden_dropout_prob;
  attention =
      register_module("attention", QFormerAttention(h, h, c.num_attention_heads, c.layer_norm_eps, pa, ph));
  if (hasCrossAttention) {
    crossattention = register_module(
        "crossattention",
        QFormerAttention(h, c.encoder_hidden_size, c.num_attention_heads, c.layer_norm_eps, pa, ph));
  }
  intermediate_query =
      register_module("intermediate_query", QFormerIntermediate(h, c.intermediate_size, c.hidden_act));
  output_query = register_module("output_query", QFormerOutput(c.intermediate_size, h, c.layer_norm_eps, ph));
}

at::Tensor QFormerLayerImpl::forward(const at::Tensor& queries, const at::Tensor& image,
                                     const at::Tensor& imageMask, const ForwardTrace& trace) {
  auto h = attention->forward(queries, queries, at::Tensor());  // (B, Q, H): queries see each other fully
  trace("attention", h);
  if (crossattention) {
    h = crossattention->forward(h, image, imageMask);  // (B, Q, H): queries read the image tokens
    trace("crossattention", h);
  }
  return output_query->forward(intermediate_query->forward(h), h);  // (B, Q, H)
}

QFormerEncoderImpl::QFormerEncoderImpl(const QFormerConfig& c) {
  layer = register_module("layer", torch::nn::ModuleList());
  for (int64_t i = 0; i < c.num_hidden_layers; ++i)
    layer->push_back(QFormerLayer(c, i % c.cross_attention_frequency == 0));
}

QFormerImpl::QFormerImpl(QFormerOptions options) : m_options(std::move(options)) {
  const auto& c = m_options.config();
  layernorm = register_module(
      "layernorm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps)));
  encoder = register_module("encoder", QFormerEncoder(c));
}

at::Tensor QFormerImpl::forward(const at::Tensor& queryTokens, const at::Tensor& image,
                                const at::Tensor& imageMask, const ForwardTrace& trace) {
  const auto& c = config();
  if (image.dim() != 3 || image.size(2) != c.encoder_hidden_size)
    throw Error("qformer", "expected image tokens (B, N, " + std::to_string(c.encoder_hidden_size) +
                               "), got " + shapeText(image.sizes()));
  if (queryTokens.dim() != 3 || queryTokens.size(2) != c.hidden_size ||
      (queryTokens.size(0) != 1 && queryTokens.size(0) != image.size(0)))
    throw Error("qformer", "expected query tokens (1 or B, Q, " + std::to_string(c.hidden_size) + "), got " +
                               shapeText(queryTokens.sizes()));
  const auto b = image.size(0);
  auto x =
      layernorm->forward(queryTokens.expand({b, queryTokens.size(1), queryTokens.size(2)}));  // (B, Q, H)
  x = trainingDropout(x, c.hidden_dropout_prob, is_training());  // BertEmbeddings' dropout
  trace("embeddings", x);
  at::Tensor mask;  // all ones adds exactly zero: skip it
  if (imageMask.defined() && !imageMask.all().item<bool>())
    mask = additivePaddingMask(imageMask, x.scalar_type());
  const auto img = image.to(x.scalar_type());
  int64_t i = 0;
  for (const auto& module : *encoder->layer) {
    const std::string name = "layer." + std::to_string(i++);
    x = module->as<QFormerLayerImpl>()->forward(x, img, mask, trace.scoped(name + "."));  // (B, Q, H)
    trace(name, x);
  }
  trace("last_hidden_state", x);
  return x;
}

}  // namespace sevila::nn
