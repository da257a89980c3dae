#include "nn/t5_stack.h"

#include <torch/torch.h>

#include "nn/dropout.h"
#include "nn/t5_attention.h"
#include "nn/t5_relative_position.h"

namespace sevila::nn {

T5StackImpl::T5StackImpl(const T5StackOptions& options_) : options(options_) {
  const T5Config& c = options.config();
  const int64_t depth = options.is_decoder() ? c.num_decoder_layers : c.num_layers;
  block = torch::nn::ModuleList();
  for (int64_t i = 0; i < depth; ++i) {
    // Only block 0 owns the relative position bias; the others reuse what it computes.
    block->push_back(
        T5Block(T5BlockOptions(c).is_decoder(options.is_decoder()).has_relative_attention_bias(i == 0)));
  }
  register_module("block", block);
  final_layer_norm = register_module("final_layer_norm",
                                     T5LayerNorm(T5LayerNormOptions(c.d_model).eps(c.layer_norm_epsilon)));
}

at::Tensor T5StackImpl::forward(const at::Tensor& inputsEmbeds, const at::Tensor& attentionMask,
                                const at::Tensor& encoderHidden, const at::Tensor& encoderMask,
                                ForwardTrace* trace) {
  const T5Config& c = options.config();
  const bool decoder = options.is_decoder();
  TORCH_CHECK(!block->is_empty(), "T5Stack: no blocks");
  TORCH_CHECK(inputsEmbeds.dim() == 3, "T5Stack: inputs must be [B, L, D]");
  const int64_t b = inputsEmbeds.size(0), len = inputsEmbeds.size(1);
  const auto dtype = inputsEmbeds.scalar_type();
  const auto device = inputsEmbeds.device();

  // Buckets once per forward, bias from block 0, shared by every block.
  const at::Tensor buckets =
      positionBuckets(len, len, /*bidirectional=*/!decoder, c.relative_attention_num_buckets,
                      c.relative_attention_max_distance, device);  // (L, L)
  T5Block first = block->ptr<T5BlockImpl>(0);
  const at::Tensor positionBias =
      first->selfAttention->SelfAttention->positionBias(buckets).to(dtype);  // (1, H, L, L)
  if (trace) {
    (*trace)("position_buckets", buckets);
    (*trace)("position_bias", positionBias);
  }

  // Mask as one 0/1 matrix, then (1 - allowed) * lowest: a causal and a padding zero never add up to -inf.
  at::Tensor allowed;  // (B|1, 1, L|1, L)
  if (decoder) {
    const auto longOpts = torch::TensorOptions().dtype(at::kLong).device(device);
    const at::Tensor pos = torch::arange(len, longOpts);
    allowed = (pos.unsqueeze(0) <= pos.unsqueeze(1)).to(dtype).unsqueeze(0).unsqueeze(0);  // (1, 1, L, L)
  }
  if (attentionMask.defined()) {
    TORCH_CHECK(attentionMask.dim() == 2 && attentionMask.size(0) == b && attentionMask.size(1) == len,
                "T5Stack: attention mask must be [B, L]");
    const at::Tensor pad = attentionMask.to(dtype).unsqueeze(1).unsqueeze(1);  // (B, 1, 1, L)
    allowed = allowed.defined() ? allowed * pad : pad;
  }
  at::Tensor selfBias = positionBias;  // (B|1, H, L, L)
  if (allowed.defined()) selfBias = positionBias + (1.0 - allowed) * lowestFinite(dtype);

  at::Tensor crossBias;
  if (decoder) {
    TORCH_CHECK(encoderHidden.defined(), "T5Stack: the decoder needs the encoder output");
    if (encoderMask.defined()) crossBias = paddingMaskBias(encoderMask, dtype);  // (B, 1, 1, Lenc)
  }

  at::Tensor x = trainingDropout(inputsEmbeds, c.dropout_rate, is_training());  // (B, L, D)
  for (size_t i = 0; i < block->size(); ++i) {
    x = block->ptr<T5BlockImpl>(i)->forward(x, selfBias, encoderHidden, crossBias);  // (B, L, D)
    if (trace) (*trace)("layer." + std::to_string(i), x);
  }
  x = trainingDropout(final_layer_norm->forward(x), c.dropout_rate, is_training());  // (B, L, D)
  if (trace) (*trace)("last_hidden_state", x);
  return x;
}

}  // namespace sevila::nn
