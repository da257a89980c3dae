// The Flan-T5 language model of BLIP-2 (the frozen LLM box of Figure 2; HF `T5ForConditionalGeneration`,
// LAVIS `t5_model`). Children carry the checkpoint's key segments, so named_parameters() equal the
// safetensors names after `language_model.`: shared.weight, encoder.*, decoder.*, lm_head.weight (the
// last absent when tie_word_embeddings: then `shared` is the head and the decoder output is scaled by
// d_model^-0.5 first).
// Reads: encoder input embeddings [B, L, D] (visual tokens ++ embedded text) and a 0/1 mask [B, L];
// decoder token ids [B, S]. Writes: encoder states [B, L, D], logits [B, S, V], greedy ids.
// Tracing: encode/decode report at the golden names "t5.encoder.layer.i", "t5.encoder.last_hidden_state",
// "t5.encoder.position_buckets", "t5.encoder.position_bias" and the same under "t5.decoder." (pass a trace
// scoped by the owner, e.g. "sevila.loc.", to get "sevila.loc.t5.encoder...").
// Thread safety: after loading, a T5Model is read-only; several threads may call encode/decode/
// generate at once (each under torch::NoGradGuard); no call keeps state between calls.
#pragma once

#include <cstdint>

#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include "nn/config.h"
#include "nn/forward_trace.h"
#include "nn/t5_stack.h"

namespace sevila::nn {

// Greedy decoding result, Hugging Face semantics.
struct T5Generation {
  at::Tensor ids;     // [B, 1 + steps] int64, starts with decoder_start_token_id; after a row's EOS, pad ids
  at::Tensor scores;  // [B, steps, V] raw logits of each step (rows keep being computed after their EOS)
};

class T5ModelImpl : public torch::nn::Module {
public:
  explicit T5ModelImpl(const T5Config& config);

  const T5Config& config() const { return m_config; }

  // Token embeddings shared(ids): [B, L] int64 -> [B, L, D] (no scaling).
  at::Tensor embed(const at::Tensor& ids);

  // Encoder last_hidden_state [B, L, D] (after final_layer_norm). attentionMask: 0/1 [B, L].
  at::Tensor encode(const at::Tensor& inputsEmbeds, const at::Tensor& attentionMask,
                    ForwardTrace* trace = nullptr);

  // Decoder normed hidden state [B, S, D] (before the tied-head rescale) for decoder ids [B, S].
  at::Tensor decodeHidden(const at::Tensor& decoderInputIds, const at::Tensor& encoderHidden,
                          const at::Tensor& encoderMask, ForwardTrace* trace = nullptr);
  // Logits [B, S, V] from decoder hidden states (applies the tied rescale when tie_word_embeddings).
  at::Tensor head(const at::Tensor& decoderHidden);
  // Logits [B, S, V] for decoder ids [B, S] (teacher forcing, causal).
  at::Tensor decode(const at::Tensor& decoderInputIds, const at::Tensor& encoderHidden,
                    const at::Tensor& encoderMask, ForwardTrace* trace = nullptr);

  // Logits [B, V] of the first decoder step (decoder input = decoder_start_token_id per row).
  at::Tensor firstStepLogits(const at::Tensor& encoderHidden, const at::Tensor& encoderMask);

  // Greedy decoding of up to maxNewTokens tokens. With stopAtEos (HF generate), a row that emitted
  // eos_token_id gets pad_token_id afterwards and decoding ends early once every row has finished
  // (ids then has fewer than 1 + maxNewTokens columns). Without it, exactly maxNewTokens steps.
  T5Generation generate(const at::Tensor& encoderHidden, const at::Tensor& encoderMask, int64_t maxNewTokens,
                        bool stopAtEos = true);

  torch::nn::Embedding shared{nullptr};  // [V, D] word embeddings of encoder and decoder
  T5Stack encoder{nullptr};
  T5Stack decoder{nullptr};
  torch::nn::Linear lm_head{nullptr};  // [V, D], no bias; null when tie_word_embeddings

private:
  T5Config m_config;
};
TORCH_MODULE(T5Model);

}  // namespace sevila::nn
