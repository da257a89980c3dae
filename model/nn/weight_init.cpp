#include "nn/weight_init.h"

#include <cmath>

#include <torch/torch.h>

#include "nn/t5_attention.h"

namespace sevila::nn {
namespace {

// Looked up, not multiplied: token and position embeddings, learnt queries, the class token.
bool isTable(const std::string& name) {
  for (const char* part : {"embed_tokens", "shared", "embeddings.word", "position", "query_tokens",
                           "class_embedding", "relative_attention_bias"})
    if (name.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

void initialiseWeights(torch::nn::Module& module, uint64_t seed, WeightInit scheme) {
  torch::manual_seed(seed);
  torch::NoGradGuard noGrad;
  for (auto& item : module.named_parameters()) {
    const std::string& name = item.key();
    at::Tensor& p = item.value();
    const bool norm = name.find("norm") != std::string::npos || name.find("ln_") != std::string::npos;
    if (name.size() >= 4 && name.compare(name.size() - 4, 4, "bias") == 0)
      p.zero_();
    else if (norm || p.dim() == 1)
      p.fill_(1.0);
    else if (scheme == WeightInit::FanIn && p.dim() >= 2 && !isTable(name))
      p.normal_(0.0, 1.0 / std::sqrt(static_cast<double>(p.numel() / p.size(0))));
    else
      p.normal_(0.0, 0.02);
  }
  // T5 does not divide its attention logits by sqrt(d_kv): its queries start that much smaller instead
  // (Hugging Face's T5 initialisation), or the logits start four times too sharp at d_kv 16 and a
  // learnt role later collapses (docs/training.md).
  if (scheme == WeightInit::FanIn)
    for (const auto& child : module.modules(/*include_self=*/true))
      if (auto* attention = child->as<T5AttentionImpl>())
        attention->q->weight.div_(std::sqrt(static_cast<double>(attention->options.d_kv())));
}

}  // namespace sevila::nn
