// T5Attention: multi-head attention of Flan-T5 (encoder self-attention, decoder causal self-attention,
// decoder cross-attention `EncDecAttention`). Projections q, k, v, o have no bias; the scores are NOT
// scaled by 1/sqrt(d_kv) (T5 folds the scale into its initialisation). An additive bias
// [B or 1, H, Lq, Lk] carries the relative position bias and the masks ((1 - mask) * lowest float).
// Only block 0 of each stack owns `relative_attention_bias` (an embedding of buckets -> one value per
// head); the stack computes that bias once and hands it to every block.
// Reads hidden [B, Lq, D] (and keyValue [B, Lk, D] for cross-attention); writes [B, Lq, D].
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

namespace sevila::nn {

struct T5AttentionOptions {
  T5AttentionOptions(int64_t dModel, int64_t dKv, int64_t numHeads)
      : d_model_(dModel), d_kv_(dKv), num_heads_(numHeads) {}
  TORCH_ARG(int64_t, d_model);                           // model width D
  TORCH_ARG(int64_t, d_kv);                              // width of one head
  TORCH_ARG(int64_t, num_heads);                         // H; the inner width is H * d_kv (not necessarily D)
  TORCH_ARG(bool, has_relative_attention_bias) = false;  // true in block 0 of each stack
  TORCH_ARG(int64_t, relative_attention_num_buckets) = 32;
  TORCH_ARG(double, dropout_rate) = 0.0;  // on the attention weights, in training mode only
};

class T5AttentionImpl : public torch::nn::Module {
public:
  explicit T5AttentionImpl(const T5AttentionOptions& options);

  // keyValue undefined: self-attention. bias undefined: no additive bias. Cross-attention at inference
  // (no grad, eval mode) with few queries takes attendFewQueries when fewQueriesPay says it is cheaper.
  at::Tensor forward(const at::Tensor& hidden, const at::Tensor& keyValue = {}, const at::Tensor& bias = {});

  // Attention as the reference computes it: K = source·W_kᵀ, V = source·W_vᵀ, then softmax(Q·Kᵀ + bias)·V.
  at::Tensor attendProjected(const at::Tensor& hidden, const at::Tensor& keyValue, const at::Tensor& bias);
  // The same product with the key and value projections moved to the query side:
  //   q·(W_k,h e_j) = (q W_k,h)·e_j  and  Σ_j p_j W_v,h e_j = W_v,h (Σ_j p_j e_j),
  // equal up to rounding, but K and V (Lk × inner each) are never formed. SeViLA's decoder steps read 1
  // or 2 queries against 100-200 encoder positions, where this is 20-40 times less arithmetic (the
  // Localizer's 32-frame decoder step: 1.2 TFLOP of K and V at real size). No dropout: inference only.
  at::Tensor attendFewQueries(const at::Tensor& hidden, const at::Tensor& source, const at::Tensor& bias);

  // [1, H, Lq, Lk] position bias selected by a bucket table [Lq, Lk] (needs relative_attention_bias).
  at::Tensor positionBias(const at::Tensor& buckets);

  T5AttentionOptions options;
  torch::nn::Linear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};
  torch::nn::Embedding relative_attention_bias{nullptr};  // [num_buckets, H], block 0 only
};
TORCH_MODULE(T5Attention);

// Whether attendFewQueries is cheaper than attendProjected for Lq queries over Lk keys, heads d_kv wide.
bool fewQueriesPay(int64_t queries, int64_t keys, int64_t dKv);
// Process-wide: false makes forward() always take attendProjected (bench_question --projected-cross
// measures the lever with it). On by default.
void useFewQueryCrossAttention(bool on);

// The lowest finite value of a floating dtype (torch.finfo(dtype).min), the "minus infinity" of masks.
double lowestFinite(c10::ScalarType type);

// Additive padding mask [B, 1, 1, Lk] from a 0/1 mask [B, Lk]: (1 - mask) * lowestFinite(dtype).
at::Tensor paddingMaskBias(const at::Tensor& mask, c10::ScalarType dtype);

// Additive causal mask [1, 1, Lq, Lk] for queries at positions queryOffset.. over keys 0..Lk-1.
at::Tensor causalMaskBias(int64_t queryLength, int64_t keyLength, c10::ScalarType dtype,
                          const c10::Device& device, int64_t queryOffset = 0);

}  // namespace sevila::nn
