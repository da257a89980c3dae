#include "nn/t5_attention.h"

#include "nn/dropout.h"

#include <atomic>
#include <limits>

#include <torch/torch.h>

#include "nn/narrow_weights.h"

namespace sevila::nn {

namespace {
std::atomic<bool> g_fewQueryCrossAttention{true};

torch::nn::Linear noBiasLinear(int64_t in, int64_t out) {
  return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(false));
}
}  // namespace

double lowestFinite(c10::ScalarType type) {
  switch (type) {
    case at::kDouble:
      return std::numeric_limits<double>::lowest();
    case at::kHalf:
      return static_cast<double>(std::numeric_limits<c10::Half>::lowest());
    case at::kBFloat16:
      return static_cast<double>(std::numeric_limits<c10::BFloat16>::lowest());
    default:
      return static_cast<double>(std::numeric_limits<float>::lowest());
  }
}

at::Tensor paddingMaskBias(const at::Tensor& mask, c10::ScalarType dtype) {
  const at::Tensor m = mask.to(dtype).unsqueeze(1).unsqueeze(1);  // (B, 1, 1, Lk)
  return (1.0 - m) * lowestFinite(dtype);                         // (B, 1, 1, Lk)
}

at::Tensor causalMaskBias(int64_t queryLength, int64_t keyLength, c10::ScalarType dtype,
                          const c10::Device& device, int64_t queryOffset) {
  const auto longOpts = torch::TensorOptions().dtype(at::kLong).device(device);
  const at::Tensor query =
      torch::arange(queryOffset, queryOffset + queryLength, longOpts).unsqueeze(1);  // (Lq, 1)
  const at::Tensor key = torch::arange(keyLength, longOpts).unsqueeze(0);            // (1, Lk)
  const at::Tensor allowed = (key <= query).to(dtype);                               // (Lq, Lk)
  return ((1.0 - allowed) * lowestFinite(dtype)).unsqueeze(0).unsqueeze(0);          // (1, 1, Lq, Lk)
}

T5AttentionImpl::T5AttentionImpl(const T5AttentionOptions& options_) : options(options_) {
  const int64_t inner = options.num_heads() * options.d_kv();
  q = register_module("q", noBiasLinear(options.d_model(), inner));
  k = register_module("k", noBiasLinear(options.d_model(), inner));
  v = register_module("v", noBiasLinear(options.d_model(), inner));
  o = register_module("o", noBiasLinear(inner, options.d_model()));
  if (options.has_relative_attention_bias()) {
    relative_attention_bias =
        register_module("relative_attention_bias",
                        torch::nn::Embedding(options.relative_attention_num_buckets(), options.num_heads()));
  }
}

at::Tensor T5AttentionImpl::positionBias(const at::Tensor& buckets) {
  TORCH_CHECK(relative_attention_bias,
              "T5Attention::positionBias: this layer has no relative_attention_bias");
  const at::Tensor values = relative_attention_bias->forward(buckets);  // (Lq, Lk, H)
  return values.permute({2, 0, 1}).unsqueeze(0);                        // (1, H, Lq, Lk)
}

at::Tensor T5AttentionImpl::forward(const at::Tensor& hidden, const at::Tensor& keyValue,
                                    const at::Tensor& bias) {
  if (keyValue.defined() && !is_training() && !at::GradMode::is_enabled() &&
      g_fewQueryCrossAttention.load(std::memory_order_relaxed) &&
      fewQueriesPay(hidden.size(1), keyValue.size(1), options.d_kv()))
    return attendFewQueries(hidden, keyValue, bias);
  return attendProjected(hidden, keyValue, bias);
}

at::Tensor T5AttentionImpl::attendProjected(const at::Tensor& hidden, const at::Tensor& keyValue,
                                            const at::Tensor& bias) {
  const int64_t b = hidden.size(0), lq = hidden.size(1);
  const int64_t h = options.num_heads(), dk = options.d_kv();
  const at::Tensor& source = keyValue.defined() ? keyValue : hidden;
  const int64_t lk = source.size(1);
  const at::Tensor qh = applyLinear(*q, hidden).view({b, lq, h, dk}).transpose(1, 2);  // (B, H, Lq, dk)
  const at::Tensor kh = applyLinear(*k, source).view({b, lk, h, dk}).transpose(1, 2);  // (B, H, Lk, dk)
  const at::Tensor vh = applyLinear(*v, source).view({b, lk, h, dk}).transpose(1, 2);  // (B, H, Lk, dk)
  // No 1/sqrt(d_kv): T5 folds it into the initialisation of q.
  at::Tensor scores = torch::matmul(qh, kh.transpose(2, 3));  // (B, H, Lq, Lk)
  if (bias.defined()) scores = scores + bias;                 // position bias and masks
  // Softmax in fp32, back to the working dtype (as the reference).
  const at::Tensor weights =
      trainingDropout(torch::softmax(scores.to(at::kFloat), -1).to(scores.scalar_type()),
                      options.dropout_rate(), is_training());  // (B, H, Lq, Lk)
  const at::Tensor context = torch::matmul(weights, vh)        // (B, H, Lq, dk)
                                 .transpose(1, 2)
                                 .reshape({b, lq, h * dk});  // (B, Lq, H*dk)
  return applyLinear(*o, context);                           // (B, Lq, D)
}

void useFewQueryCrossAttention(bool on) {
  g_fewQueryCrossAttention.store(on, std::memory_order_relaxed);
}

bool fewQueriesPay(int64_t queries, int64_t keys, int64_t dKv) {
  // Per row, moving the projections costs about Lq/Lk + Lq/d_kv of forming K and V.
  return 2 * queries * (keys + dKv) < keys * dKv;
}

at::Tensor T5AttentionImpl::attendFewQueries(const at::Tensor& hidden, const at::Tensor& source,
                                             const at::Tensor& bias) {
  const int64_t b = hidden.size(0), lq = hidden.size(1), lk = source.size(1), d = source.size(2);
  const int64_t h = options.num_heads(), dk = options.d_kv();
  const auto type = source.scalar_type();
  // Per head, W_k and W_v as (H, dk, D); a weight stored narrower is widened (4 Mi elements in T5-XL).
  const at::Tensor wk = k->weight.to(type).view({h, dk, d}), wv = v->weight.to(type).view({h, dk, d});
  const at::Tensor qh =
      applyLinear(*q, hidden).to(type).view({b * lq, h, dk}).transpose(0, 1);  // (H, B·Lq, dk)
  const at::Tensor qk = torch::bmm(qh, wk)                                     // (H, B·Lq, D)
                            .view({h, b, lq, d})
                            .permute({1, 0, 2, 3})
                            .reshape({b, h * lq, d});                               // (B, H·Lq, D)
  at::Tensor scores = torch::bmm(qk, source.transpose(1, 2)).view({b, h, lq, lk});  // (B, H, Lq, Lk)
  if (bias.defined()) scores = scores + bias;
  const at::Tensor weights = torch::softmax(scores.to(at::kFloat), -1).to(type);  // (B, H, Lq, Lk)
  const at::Tensor mixed = torch::bmm(weights.view({b, h * lq, lk}), source)      // (B, H·Lq, D)
                               .view({b, h, lq, d})
                               .permute({1, 0, 2, 3})
                               .reshape({h, b * lq, d});            // (H, B·Lq, D)
  const at::Tensor context = torch::bmm(mixed, wv.transpose(1, 2))  // (H, B·Lq, dk)
                                 .view({h, b, lq, dk})
                                 .permute({1, 2, 0, 3})
                                 .reshape({b, lq, h * dk});  // (B, Lq, H*dk)
  return applyLinear(*o, context.to(hidden.scalar_type()));  // (B, Lq, D)
}

}  // namespace sevila::nn
