#include "nn/t5_model.h"

#include <cmath>

#include <torch/torch.h>

#include "nn/narrow_weights.h"

namespace sevila::nn {

T5ModelImpl::T5ModelImpl(const T5Config& config) : m_config(config) {
  shared = register_module("shared", torch::nn::Embedding(config.vocab_size, config.d_model));
  encoder = register_module("encoder", T5Stack(T5StackOptions(config).is_decoder(false)));
  decoder = register_module("decoder", T5Stack(T5StackOptions(config).is_decoder(true)));
  if (!config.tie_word_embeddings) {
    lm_head = register_module(
        "lm_head",
        torch::nn::Linear(torch::nn::LinearOptions(config.d_model, config.vocab_size).bias(false)));
  }
}

at::Tensor T5ModelImpl::embed(const at::Tensor& ids) {
  // Embeddings stored in bf16 under f32 arithmetic come out in the arithmetic's type (that of the norms).
  return shared->forward(ids).to(encoder->final_layer_norm->weight.scalar_type());  // (B, L, D)
}

at::Tensor T5ModelImpl::encode(const at::Tensor& inputsEmbeds, const at::Tensor& attentionMask,
                               ForwardTrace* trace) {
  ForwardTrace scoped;
  if (trace) scoped = trace->scoped("t5.encoder.");
  return encoder->forward(inputsEmbeds, attentionMask, {}, {}, trace ? &scoped : nullptr);  // (B, L, D)
}

at::Tensor T5ModelImpl::decodeHidden(const at::Tensor& decoderInputIds, const at::Tensor& encoderHidden,
                                     const at::Tensor& encoderMask, ForwardTrace* trace) {
  ForwardTrace scoped;
  if (trace) scoped = trace->scoped("t5.decoder.");
  const at::Tensor embeds = embed(decoderInputIds).to(encoderHidden.scalar_type());            // (B, S, D)
  return decoder->forward(embeds, {}, encoderHidden, encoderMask, trace ? &scoped : nullptr);  // (B, S, D)
}

at::Tensor T5ModelImpl::head(const at::Tensor& decoderHidden) {
  if (m_config.tie_word_embeddings) {
    // Tied embeddings: T5 rescales by d_model^-0.5 before reusing `shared` as the head.
    const double scale = 1.0 / std::sqrt(static_cast<double>(m_config.d_model));
    return linearWidened(decoderHidden * scale, shared->weight, at::Tensor());  // (B, S, V)
  }
  return applyLinear(*lm_head, decoderHidden);  // (B, S, V)
}

at::Tensor T5ModelImpl::decode(const at::Tensor& decoderInputIds, const at::Tensor& encoderHidden,
                               const at::Tensor& encoderMask, ForwardTrace* trace) {
  const at::Tensor logits =
      head(decodeHidden(decoderInputIds, encoderHidden, encoderMask, trace));  // (B, S, V)
  if (trace) (*trace)("t5.decoder.logits", logits);
  return logits;
}

at::Tensor T5ModelImpl::firstStepLogits(const at::Tensor& encoderHidden, const at::Tensor& encoderMask) {
  const int64_t b = encoderHidden.size(0);
  const at::Tensor start =
      torch::full({b, 1}, m_config.decoder_start_token_id,
                  torch::TensorOptions().dtype(at::kLong).device(encoderHidden.device()));  // (B, 1)
  return decode(start, encoderHidden, encoderMask).select(1, 0);                            // (B, V)
}

T5Generation T5ModelImpl::generate(const at::Tensor& encoderHidden, const at::Tensor& encoderMask,
                                   int64_t maxNewTokens, bool stopAtEos) {
  const int64_t b = encoderHidden.size(0);
  const auto longOpts = torch::TensorOptions().dtype(at::kLong).device(encoderHidden.device());
  at::Tensor ids = torch::full({b, 1}, m_config.decoder_start_token_id, longOpts);  // (B, 1)
  at::Tensor unfinished = torch::ones({b}, longOpts);                               // (B)
  std::vector<at::Tensor> scores;
  for (int64_t step = 0; step < maxNewTokens; ++step) {
    // No decoder cache: the decoder reruns over the ids so far (SeViLA needs one or two steps).
    const at::Tensor logits = decode(ids, encoderHidden, encoderMask).select(1, -1);  // (B, V)
    scores.push_back(logits);
    at::Tensor next = logits.argmax(-1);  // (B)
    if (stopAtEos) next = next * unfinished + m_config.pad_token_id * (1 - unfinished);
    ids = torch::cat({ids, next.unsqueeze(1)}, 1);  // (B, step + 2)
    if (stopAtEos) {
      unfinished = unfinished * (next != m_config.eos_token_id).to(at::kLong);
      if (unfinished.max().item<int64_t>() == 0) break;
    }
  }
  T5Generation out;
  out.ids = ids;
  out.scores = scores.empty() ? torch::empty({b, 0, m_config.vocab_size}, encoderHidden.options())
                              : torch::stack(scores, 1);  // (B, steps, V)
  return out;
}

}  // namespace sevila::nn
