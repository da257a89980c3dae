// A Flan-T5 stack (HF `T5Stack`): the encoder (24 blocks in Flan-T5-XL, bidirectional attention over
// the BLIP-2 visual tokens and the prompt) or the decoder (24 blocks, causal self-attention plus
// cross-attention to the encoder output), then `final_layer_norm`. Token embedding is done by
// T5Model (the stack reads embeddings), so the stack holds no copy of `shared`.
// The relative position buckets are computed once per forward here and their bias (owned by block 0)
// is shared by every block.
// Reads inputs embeddings [B, L, D]; writes the normed last hidden state [B, L, D].
#pragma once

#include <string>

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include "nn/config.h"
#include "nn/forward_trace.h"
#include "nn/t5_block.h"
#include "nn/t5_layer_norm.h"

namespace sevila::nn {

struct T5StackOptions {
  explicit T5StackOptions(T5Config config) : config_(std::move(config)) {}
  TORCH_ARG(T5Config, config);
  TORCH_ARG(bool, is_decoder) = false;
};

class T5StackImpl : public torch::nn::Module {
public:
  explicit T5StackImpl(const T5StackOptions& options);

  // Encoder: forward(embeds, mask). Decoder: forward(embeds, {}, encoderHidden, encoderMask); the decoder
  // always applies its causal mask. Masks are 0/1 [B, L] (undefined = all ones).
  // Trace names, relative to the trace given (T5Model scopes it to "t5.encoder." / "t5.decoder."):
  // layer.i (raw block outputs), last_hidden_state, position_buckets [L, L], position_bias [1, H, L, L].
  at::Tensor forward(const at::Tensor& inputsEmbeds, const at::Tensor& attentionMask = {},
                     const at::Tensor& encoderHidden = {}, const at::Tensor& encoderMask = {},
                     ForwardTrace* trace = nullptr);

  T5StackOptions options;
  torch::nn::ModuleList block{nullptr};  // checkpoint key segment `block.N`
  T5LayerNorm final_layer_norm{nullptr};
};
TORCH_MODULE(T5Stack);

}  // namespace sevila::nn
