// T5 relative position buckets (the position part of Flan-T5's attention, Figure 2's language model).
// A (query, key) pair is described by r = key - query, mapped to one of `numBuckets` buckets exactly as
// Hugging Face `T5Attention._relative_position_bucket`: small distances get their own bucket, larger
// ones share logarithmically wider buckets up to `maxDistance`. The encoder uses bidirectional buckets
// (half of them for r > 0), decoder self-attention causal ones (every r > 0 falls in bucket 0).
// The bucket table is computed once per stack and forward; the bias values it selects live in
// block 0's attention (`relative_attention_bias`, see t5_attention.h).
#pragma once

#include <cstdint>

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

namespace sevila::nn {

// Elementwise bucket of an integer tensor of relative positions r (= key - query); returns int64.
// The logarithm is evaluated in fp32 and truncated toward zero, as the reference does.
at::Tensor relativePositionBucket(const at::Tensor& relativePosition, bool bidirectional, int64_t numBuckets,
                                  int64_t maxDistance);

// The [queryLength, keyLength] table of buckets of (key - query), int64 on `device`.
// `queryOffset` shifts the query positions (a decoder step at position t uses queryOffset = t).
at::Tensor positionBuckets(int64_t queryLength, int64_t keyLength, bool bidirectional, int64_t numBuckets,
                           int64_t maxDistance, const c10::Device& device, int64_t queryOffset = 0);

}  // namespace sevila::nn
