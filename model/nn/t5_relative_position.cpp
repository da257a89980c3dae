#include "nn/t5_relative_position.h"

#include <cmath>

#include <torch/torch.h>

namespace sevila::nn {

at::Tensor relativePositionBucket(const at::Tensor& relativePosition, bool bidirectional, int64_t numBuckets,
                                  int64_t maxDistance) {
  at::Tensor r = relativePosition.to(at::kLong);
  at::Tensor buckets = torch::zeros_like(r);
  int64_t n = numBuckets;
  if (bidirectional) {
    n /= 2;  // half of the buckets for keys after the query
    buckets = buckets + (r > 0).to(at::kLong) * n;
    r = r.abs();
  } else {
    r = -torch::min(r, torch::zeros_like(r));  // keys after the query share bucket 0
  }
  const int64_t maxExact = n / 2;
  const at::Tensor isSmall = r < maxExact;
  // Larger distances: logarithmic buckets up to maxDistance, evaluated in fp32 and truncated toward zero
  // like the reference (clamp_min(1) only avoids log(0) in entries that isSmall replaces anyway).
  const at::Tensor logRatio = torch::log(r.to(at::kFloat).clamp_min(1) / static_cast<double>(maxExact)) /
                              std::log(static_cast<double>(maxDistance) / static_cast<double>(maxExact)) *
                              static_cast<double>(n - maxExact);
  at::Tensor large = maxExact + logRatio.to(at::kLong);
  large = torch::min(large, torch::full_like(large, n - 1));
  return buckets + torch::where(isSmall, r, large);
}

at::Tensor positionBuckets(int64_t queryLength, int64_t keyLength, bool bidirectional, int64_t numBuckets,
                           int64_t maxDistance, const c10::Device& device, int64_t queryOffset) {
  const auto longOpts = torch::TensorOptions().dtype(at::kLong).device(device);
  const at::Tensor query =
      torch::arange(queryOffset, queryOffset + queryLength, longOpts).unsqueeze(1);    // (Lq, 1)
  const at::Tensor key = torch::arange(keyLength, longOpts).unsqueeze(0);              // (1, Lk)
  return relativePositionBucket(key - query, bidirectional, numBuckets, maxDistance);  // (Lq, Lk)
}

}  // namespace sevila::nn
