// Scaled dot-product attention, the one shared block of the ViT, the Q-Former (and usable by T5):
// softmax(scale · Q Kᵀ + mask) V over heads. On LibTorch ≥ 2.1 it calls
// at::scaled_dot_product_attention (fused kernels); on 1.13 (Debian) it computes the product
// explicitly. The softmax runs in fp32 for fp16/bf16 inputs, as the references do.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/util/Optional.h>

namespace sevila::nn {

// q: (B, H, Lq, d), k and v: (B, H, Lk, d); additiveMask broadcastable to (B, H, Lq, Lk), added to the
// scaled scores (0 to keep, a very negative number to drop; T5 passes its position bias here).
// Returns (B, H, Lq, d).
// dropout: on the attention probabilities, applied only when > 0 (callers pass 0 outside training).
at::Tensor scaledDotProductAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                     const c10::optional<at::Tensor>& additiveMask, double scale,
                                     double dropout = 0.0);

// (B, L, H·d) -> (B, H, L, d)
at::Tensor splitHeads(const at::Tensor& x, int64_t heads);
// (B, H, L, d) -> (B, L, H·d)
at::Tensor mergeHeads(const at::Tensor& x);

// A padding mask (B, Lk) of 1 = keep / 0 = drop turned into an additive mask (B, 1, 1, Lk) in `dtype`:
// (1 − mask) · finfo(dtype).min, as Hugging Face's get_extended_attention_mask.
at::Tensor additivePaddingMask(const at::Tensor& keepMask, c10::ScalarType dtype);

}  // namespace sevila::nn
