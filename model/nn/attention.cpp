#include "nn/attention.h"

#include <limits>

#include <torch/torch.h>
#include <torch/version.h>

namespace sevila::nn {

at::Tensor scaledDotProductAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                     const c10::optional<at::Tensor>& additiveMask, double scale,
                                     double dropout) {
#if defined(TORCH_VERSION_MAJOR) && \
    (TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1))
  // The fused kernel takes the scale explicitly since 2.1.
  c10::optional<at::Tensor> mask;
  if (additiveMask) mask = additiveMask->to(q.scalar_type());
  return at::scaled_dot_product_attention(q, k, v, mask, dropout, false, scale);
#else
  auto scores = at::matmul(q, k.transpose(-2, -1));  // (B, H, Lq, Lk)
  if (scale != 1.0) scores = scores * scale;
  const bool reduced = q.scalar_type() == at::kHalf || q.scalar_type() == at::kBFloat16;
  if (reduced) scores = scores.to(at::kFloat);
  if (additiveMask) scores = scores + additiveMask->to(scores.scalar_type());
  auto probs = scores.softmax(-1);  // (B, H, Lq, Lk)
  if (reduced) probs = probs.to(q.scalar_type());
  if (dropout > 0.0) probs = at::dropout(probs, dropout, /*train=*/true);
  return at::matmul(probs, v);  // (B, H, Lq, d)
#endif
}

at::Tensor splitHeads(const at::Tensor& x, int64_t heads) {
  const auto b = x.size(0), l = x.size(1), w = x.size(2);
  return x.view({b, l, heads, w / heads}).transpose(1, 2);  // (B, H, L, d)
}

at::Tensor mergeHeads(const at::Tensor& x) {
  const auto b = x.size(0), h = x.size(1), l = x.size(2), d = x.size(3);
  return x.transpose(1, 2).contiguous().view({b, l, h * d});  // (B, L, H·d)
}

at::Tensor additivePaddingMask(const at::Tensor& keepMask, c10::ScalarType dtype) {
  double lowest = std::numeric_limits<float>::lowest();
  if (dtype == at::kHalf) lowest = -65504.0;
  if (dtype == at::kBFloat16) lowest = -3.3895313892515355e38;
  if (dtype == at::kDouble) lowest = std::numeric_limits<double>::lowest();
  auto keep = keepMask.to(dtype);
  return ((1.0 - keep) * lowest).unsqueeze(1).unsqueeze(1);  // (B, 1, 1, Lk)
}

}  // namespace sevila::nn
