// Figure 2 assembled: BLIP-2 = visual encoder (EVA ViT) + the bridge from images to words
// (post_layernorm / ln_vision, learned query tokens, Q-Former, language projection) + the frozen
// Flan-T5. named_parameters() are the Hugging Face names (vision_model.*, query_tokens, qformer.*,
// language_projection.*, language_model.*); SeViLA's Localizer owns a second bridge, attached with
// attachLocalizer() under `localizer.*` (LAVIS names in weight_names.cpp).
//
// Sharing: after load() a Blip2Model is read-only. It may be shared between threads, each calling the
// const-in-spirit forward functions under torch::NoGradGuard; no call keeps state between calls. Per-video
// state (feature caches, decoder caches) belongs to the caller's session objects.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "nn/config.h"
#include "nn/eva_vit.h"
#include "nn/forward_trace.h"
#include "nn/language_projection.h"
#include "nn/model_loader.h"
#include "nn/qformer.h"
#include "nn/t5_model.h"

namespace sevila::nn {

// Which bridge turns image tokens into visual words: the backbone's (the Answerer's in SeViLA) or the
// Localizer's.
enum class Role { Answerer, Localizer };

// The Localizer's bridge: its own ln_vision_loc, query_tokens_loc, Qformer_loc and t5_proj_loc.
class VisualBridgeImpl : public torch::nn::Module {
public:
  explicit VisualBridgeImpl(const Blip2Config& config);

  torch::nn::LayerNorm post_layernorm{nullptr};
  at::Tensor query_tokens;  // (1, Q, H)
  QFormer qformer{nullptr};
  LanguageProjection language_projection{nullptr};
};
TORCH_MODULE(VisualBridge);

class Blip2ModelImpl;
class Blip2Model;

class Blip2ModelImpl : public torch::nn::Module {
public:
  explicit Blip2ModelImpl(Blip2Config config);

  // Reads modelDir/config.json and the safetensors weights (model.safetensors or an index with
  // shards), builds the networks directly in `dtype`, loads strictly and moves them to `device`.
  // Throws sevila::Error naming the file and the reason; never returns a half-loaded model.
  static std::shared_ptr<Blip2ModelImpl> load(const std::string& modelDir, Flavour flavour,
                                              c10::Device device = c10::Device(c10::kCPU),
                                              c10::ScalarType dtype = c10::kFloat);
  // Random weights of the given sizes (benchmarks, tests), built in `dtype` on `device`.
  static std::shared_ptr<Blip2ModelImpl> random(const Blip2Config& config,
                                                c10::Device device = c10::Device(c10::kCPU),
                                                c10::ScalarType dtype = c10::kFloat);

  // Throws sevila::Error("--dtype", ...) for a precision this LibTorch cannot run on `device`
  // (fp16 on CPU with LibTorch 1.x: no Half convolution / matmul kernels).
  static void requireSupported(c10::Device device, c10::ScalarType dtype);

  const Blip2Config& config() const { return m_config; }
  // What load() accepted but the user should hear about (e.g. a stored head that a tied config ignores).
  const std::vector<std::string>& loadWarnings() const { return m_loadWarnings; }
  // The arithmetic's type: activations run in it. The Linear and Embedding weights are stored in
  // weightDtype(), the same except for bf16 on a CPU (bf16 weights, f32 arithmetic: narrow_weights.h).
  c10::ScalarType dtype() const;
  c10::ScalarType weightDtype() const;
  std::string precisionName() const;  // "f32", "bf16", or "bf16 weights, f32 arithmetic"
  c10::Device device() const;

  // Adds the Localizer's bridge (same sizes; initialised as a copy of the Answerer's, as SeViLA does
  // before training). Its weights come from a SeViLA checkpoint.
  void attachLocalizer();
  bool hasLocalizer() const { return !localizer.is_empty(); }
  // A SeViLA checkpoint is applied by applySevilaCheckpoint (sevila_checkpoint.h).

  // Frames (T, 3, S, S) -> ViT output (T, N, W) without a norm, one batched call; in the memory-saving
  // mode (weights narrower than the arithmetic) untraced calls go vitFramesWhenNarrow frames at a time.
  // Taps: vision.embeddings, vision.layer.i(.self_attn), vision.last_hidden_state.
  at::Tensor encodeFrames(const at::Tensor& pixelValues, const ForwardTrace& trace = ForwardTrace());
  // ViT output (T, N, W) -> visual tokens (T, Q, D) through one role's bridge.
  // Taps: post_layernorm, qformer.embeddings, qformer.layer.i(.attention/.crossattention),
  // qformer.last_hidden_state, projection.
  at::Tensor visualTokens(const at::Tensor& imageTokens, Role role = Role::Answerer,
                          const ForwardTrace& trace = ForwardTrace());

  // The memory-saving mode's ViT batch: at real size 32 frames in one call peak at 9.6 GB, 8 at a time
  // at 8.8 GB (docs/benchmarks.md, "bf16 on the CPU").
  static constexpr int64_t vitFramesWhenNarrow = 8;

  // Parameter counts of the four parts, computed from a configuration (no weights needed).
  struct ParameterCounts {
    int64_t vision = 0, qformer = 0, projection = 0, t5 = 0;
    int64_t total() const { return vision + qformer + projection + t5; }
  };
  static ParameterCounts countParameters(const Blip2Config& config);

  EvaVit vision_model{nullptr};
  at::Tensor query_tokens;  // (1, Q, H)
  QFormer qformer{nullptr};
  LanguageProjection language_projection{nullptr};
  T5Model language_model{nullptr};
  VisualBridge localizer{nullptr};  // null until attachLocalizer()

private:
  Blip2Config m_config;
  std::vector<std::string> m_loadWarnings;
};

class Blip2Model : public torch::nn::ModuleHolder<Blip2ModelImpl> {
public:
  using torch::nn::ModuleHolder<Blip2ModelImpl>::ModuleHolder;
  Blip2Model(std::shared_ptr<Blip2ModelImpl> impl) : ModuleHolder(std::move(impl)) {}
};

// Sets LibTorch's default dtype for the lifetime of the guard, so modules are built directly in the
// precision they will run in (a 4-billion-parameter model is never materialised in fp32 first).
class DefaultDtypeGuard {
public:
  explicit DefaultDtypeGuard(c10::ScalarType dtype);
  ~DefaultDtypeGuard();
  DefaultDtypeGuard(const DefaultDtypeGuard&) = delete;
  DefaultDtypeGuard& operator=(const DefaultDtypeGuard&) = delete;

private:
  caffe2::TypeMeta m_previous;
};

}  // namespace sevila::nn
