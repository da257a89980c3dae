#include "nn/eva_vit.h"

#include <cmath>

#include <torch/torch.h>

#include "nn/narrow_weights.h"

#include "nn/activation.h"
#include "nn/attention.h"
#include "core/error.h"
#include "nn/shape_text.h"

namespace sevila::nn {

EvaVitEmbeddingsImpl::EvaVitEmbeddingsImpl(const VisionConfig& c) : m_grid(c.image_size / c.patch_size) {
  const int64_t tokens = 1 + m_grid * m_grid;
  class_embedding = register_parameter("class_embedding", torch::zeros({1, 1, c.hidden_size}));
  patch_embedding = register_module(
      "patch_embedding",
      torch::nn::Conv2d(
          torch::nn::Conv2dOptions(3, c.hidden_size, c.patch_size).stride(c.patch_size).bias(true)));
  position_embedding = register_parameter("position_embedding", torch::zeros({1, tokens, c.hidden_size}));
}

at::Tensor EvaVitEmbeddingsImpl::positionsFor(int64_t gridH, int64_t gridW) {
  if (gridH == m_grid && gridW == m_grid) return position_embedding;  // (1, N, W)
  // Bicubic resize of the patch grid's embeddings; the class token's stays (LAVIS interpolate_pos_embed).
  const int64_t w = position_embedding.size(2);
  auto cls = position_embedding.narrow(1, 0, 1);  // (1, 1, W)
  auto grid = position_embedding.narrow(1, 1, m_grid * m_grid)
                  .reshape({1, m_grid, m_grid, w})
                  .permute({0, 3, 1, 2})
                  .to(at::kFloat);  // (1, W, g, g)
  namespace F = torch::nn::functional;
  auto resized = F::interpolate(grid, F::InterpolateFuncOptions()
                                          .size(std::vector<int64_t>{gridH, gridW})
                                          .mode(torch::kBicubic)
                                          .align_corners(false));  // (1, W, h, w)
  resized = resized.permute({0, 2, 3, 1}).reshape({1, gridH * gridW, w}).to(position_embedding.scalar_type());
  return torch::cat({cls, resized}, 1);  // (1, 1 + h·w, W)
}

at::Tensor EvaVitEmbeddingsImpl::forward(const at::Tensor& pixelValues) {
  const auto t = pixelValues.size(0);
  auto patches =
      patch_embedding->forward(pixelValues.to(patch_embedding->weight.scalar_type()));  // (T, W, h, w)
  const auto gridH = patches.size(2), gridW = patches.size(3);
  patches = patches.flatten(2).transpose(1, 2);                        // (T, h·w, W)
  auto cls = class_embedding.expand({t, 1, class_embedding.size(2)});  // (T, 1, W)
  return torch::cat({cls, patches}, 1) + positionsFor(gridH, gridW);   // (T, N, W)
}

EvaVitAttentionImpl::EvaVitAttentionImpl(int64_t width, int64_t heads, bool qkvBias) : m_heads(heads) {
  // The stored bias is [q_bias, 0, v_bias]: keys have no bias of their own in EVA, but the zeros are
  // part of the HF parameter, so a plain Linear with a 3W bias reproduces it exactly.
  qkv = register_module("qkv", torch::nn::Linear(torch::nn::LinearOptions(width, 3 * width).bias(qkvBias)));
  projection = register_module("projection", torch::nn::Linear(width, width));
}

at::Tensor EvaVitAttentionImpl::forward(const at::Tensor& x) {
  const auto t = x.size(0), n = x.size(1), w = x.size(2);
  const auto d = w / m_heads;
  auto qkvOut = applyLinear(*qkv, x).view({t, n, 3, m_heads, d}).permute({2, 0, 3, 1, 4});  // (3, T, H, N, d)
  auto q = qkvOut[0], k = qkvOut[1], v = qkvOut[2];  // (T, H, N, d) each
  auto context = scaledDotProductAttention(q, k, v, c10::nullopt, 1.0 / std::sqrt(static_cast<double>(d)));
  return applyLinear(*projection, mergeHeads(context));  // (T, N, W)
}

EvaVitMlpImpl::EvaVitMlpImpl(int64_t width, int64_t hidden, Activation activation)
    : m_activation(activation) {
  fc1 = register_module("fc1", torch::nn::Linear(width, hidden));
  fc2 = register_module("fc2", torch::nn::Linear(hidden, width));
}

at::Tensor EvaVitMlpImpl::forward(const at::Tensor& x) {
  return applyLinear(*fc2, activate(applyLinear(*fc1, x), m_activation));  // (T,N,M) -> (T,N,W)
}

EvaVitLayerImpl::EvaVitLayerImpl(const VisionConfig& c) {
  const auto norm = torch::nn::LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps);
  layer_norm1 = register_module("layer_norm1", torch::nn::LayerNorm(norm));
  self_attn = register_module("self_attn", EvaVitAttention(c.hidden_size, c.num_attention_heads, c.qkv_bias));
  layer_norm2 = register_module("layer_norm2", torch::nn::LayerNorm(norm));
  mlp = register_module("mlp", EvaVitMlp(c.hidden_size, c.intermediate_size, c.hidden_act));
}

at::Tensor EvaVitLayerImpl::forward(const at::Tensor& x, const ForwardTrace& trace) {
  auto attended = self_attn->forward(layer_norm1->forward(x));  // (T, N, W)
  trace("self_attn", attended);
  auto h = x + attended;                             // (T, N, W)
  return h + mlp->forward(layer_norm2->forward(h));  // (T, N, W)
}

EvaVitEncoderImpl::EvaVitEncoderImpl(const VisionConfig& c) {
  layers = register_module("layers", torch::nn::ModuleList());
  for (int64_t i = 0; i < c.num_hidden_layers; ++i) layers->push_back(EvaVitLayer(c));
}

EvaVitImpl::EvaVitImpl(EvaVitOptions options) : m_options(std::move(options)) {
  const auto& c = m_options.config();
  embeddings = register_module("embeddings", EvaVitEmbeddings(c));
  encoder = register_module("encoder", EvaVitEncoder(c));
  post_layernorm = register_module(
      "post_layernorm",
      torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hidden_size}).eps(c.post_layernorm_eps)));
}

at::Tensor EvaVitImpl::forward(const at::Tensor& pixelValues, const ForwardTrace& trace) {
  const auto& c = config();
  if (pixelValues.dim() != 4 || pixelValues.size(1) != 3 || pixelValues.size(2) % c.patch_size != 0 ||
      pixelValues.size(3) % c.patch_size != 0 || pixelValues.size(2) < c.patch_size ||
      pixelValues.size(3) < c.patch_size) {
    throw Error("pixel_values", "expected frames (T, 3, S, S') with sides a multiple of " +
                                    std::to_string(c.patch_size) + ", got " + shapeText(pixelValues.sizes()));
  }
  auto x = embeddings->forward(pixelValues);  // (T, N, W)
  trace("embeddings", x);
  int64_t i = 0;
  for (const auto& module : *encoder->layers) {
    const std::string name = "layer." + std::to_string(i++);
    x = module->as<EvaVitLayerImpl>()->forward(x, trace.scoped(name + "."));  // (T, N, W)
    trace(name, x);
  }
  trace("last_hidden_state", x);
  return x;
}

}  // namespace sevila::nn
