// Figure 2, the fully-connected layer between the Q-Former and the LLM: a linear map H -> D with bias
// (HF `language_projection`, LAVIS/SeViLA `t5_proj` and `t5_proj_loc`). Reads (B, Q, H), writes the
// visual tokens (B, Q, D) that T5 reads like word embeddings. Its parameters are called weight and
// bias directly, so registered as `language_projection` the names are the HF ones.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace sevila::nn {

struct LanguageProjectionOptions {
  LanguageProjectionOptions(int64_t in, int64_t out) : in_(in), out_(out) {}
  /// Q-Former width H.
  TORCH_ARG(int64_t, in);
  /// T5 d_model D.
  TORCH_ARG(int64_t, out);
};

class LanguageProjectionImpl : public torch::nn::Module {
public:
  explicit LanguageProjectionImpl(LanguageProjectionOptions options);
  at::Tensor forward(const at::Tensor& x);  // (B, Q, H) -> (B, Q, D)

  at::Tensor weight;  // (D, H)
  at::Tensor bias;    // (D)
};
TORCH_MODULE(LanguageProjection);

}  // namespace sevila::nn
