#include "nn/blip2_model.h"

#include <sys/stat.h>

#include <c10/core/DefaultDtype.h>
#include <torch/torch.h>
#include <torch/version.h>

#include "core/error.h"
#include "core/file_paths.h"
#include "nn/device.h"
#include "nn/narrow_weights.h"
#include "nn/pth_checkpoint.h"

namespace sevila::nn {
namespace {

at::Tensor queryTokens(const Blip2Config& c) {
  return torch::randn({1, c.num_query_tokens, c.qformer.hidden_size}) * 0.02;  // N(0, 0.02) as BLIP-2
}

}  // namespace

DefaultDtypeGuard::DefaultDtypeGuard(c10::ScalarType dtype) : m_previous(c10::get_default_dtype()) {
  c10::set_default_dtype(caffe2::TypeMeta::fromScalarType(dtype));
}

DefaultDtypeGuard::~DefaultDtypeGuard() {
  c10::set_default_dtype(m_previous);
}

VisualBridgeImpl::VisualBridgeImpl(const Blip2Config& c) {
  post_layernorm = register_module(
      "post_layernorm",
      torch::nn::LayerNorm(
          torch::nn::LayerNormOptions({c.vision.hidden_size}).eps(c.vision.post_layernorm_eps)));
  query_tokens = register_parameter("query_tokens", queryTokens(c));
  qformer = register_module("qformer", QFormer(QFormerOptions(c.qformer)));
  language_projection =
      register_module("language_projection",
                      LanguageProjection(LanguageProjectionOptions(c.qformer.hidden_size, c.text.d_model)));
}

Blip2ModelImpl::Blip2ModelImpl(Blip2Config config) : m_config(std::move(config)) {
  const auto& c = m_config;
  if (c.qformer.encoder_hidden_size != c.vision.hidden_size)
    throw Error("config.json",
                "qformer_config.encoder_hidden_size: " + std::to_string(c.qformer.encoder_hidden_size) +
                    " differs from vision_config.hidden_size " + std::to_string(c.vision.hidden_size));
  vision_model = register_module("vision_model", EvaVit(EvaVitOptions(c.vision)));
  query_tokens = register_parameter("query_tokens", queryTokens(c));
  qformer = register_module("qformer", QFormer(QFormerOptions(c.qformer)));
  language_projection =
      register_module("language_projection",
                      LanguageProjection(LanguageProjectionOptions(c.qformer.hidden_size, c.text.d_model)));
  language_model = register_module("language_model", T5Model(c.text));
  eval();  // inference: no dropout anywhere
}

void Blip2ModelImpl::requireSupported(c10::Device device, c10::ScalarType dtype) {
#if TORCH_VERSION_MAJOR < 2
  if (device.is_cpu() && dtype == c10::kHalf)
    throw Error("--dtype",
                "f16 does not run on the CPU with LibTorch " TORCH_VERSION " (no Half convolution kernels)",
                "use f32 (fastest on CPU) or bf16 (half the memory) on the CPU; f16 on a CUDA device");
#endif
  if (dtype != c10::kFloat && dtype != c10::kBFloat16 && dtype != c10::kHalf)
    throw Error("--dtype", "the networks run in f32, bf16 or f16 only");
  (void)device;
}

namespace {
// bf16 on a CPU: bf16 matrices, f32 arithmetic (narrow_weights.h says why).
bool matricesOnly(c10::Device device, c10::ScalarType dtype) {
  return device.is_cpu() && dtype == c10::kBFloat16;
}
}  // namespace

std::shared_ptr<Blip2ModelImpl> Blip2ModelImpl::random(const Blip2Config& config, c10::Device device,
                                                       c10::ScalarType dtype) {
  requireSupported(device, dtype);
  std::shared_ptr<Blip2ModelImpl> model;
  {
    DefaultDtypeGuard guard(dtype);
    model = std::make_shared<Blip2ModelImpl>(config);
  }
  if (matricesOnly(device, dtype)) storeMatricesIn(*model, dtype, c10::kFloat);
  model->to(device);
  model->eval();
  return model;
}

std::shared_ptr<Blip2ModelImpl> Blip2ModelImpl::load(const std::string& modelDir, Flavour flavour,
                                                     c10::Device device, c10::ScalarType dtype) {
  if (!isDirectory(modelDir))
    throw Error(modelDir, "not a model directory",
                "pass the folder that holds config.json and model.safetensors (or its index and shards)");
  requireSupported(device, dtype);
  const Blip2Config config = loadBlip2Config(modelDir + "/config.json", flavour);
  auto store = openSafetensorsStore(modelDir);  // validates every header before building anything
  std::shared_ptr<Blip2ModelImpl> model;
  {
    DefaultDtypeGuard guard(dtype);
    model = std::make_shared<Blip2ModelImpl>(config);
  }
  // Before loading, so that what stays f32 receives the file's values unrounded.
  if (matricesOnly(device, dtype)) storeMatricesIn(*model, dtype, c10::kFloat);
  model->m_loadWarnings =
      loadParameters(*model, *store, LoadOptions{CheckpointLayout::HuggingFace, false}).warnings;
  model->to(device);
  model->eval();
  return model;  // only a completely loaded model leaves this function
}

c10::ScalarType Blip2ModelImpl::dtype() const {
  return query_tokens.scalar_type();
}
c10::ScalarType Blip2ModelImpl::weightDtype() const {
  return language_model->shared->weight.scalar_type();
}
std::string Blip2ModelImpl::precisionName() const {
  if (weightDtype() == dtype()) return dtypeName(dtype());
  return dtypeName(weightDtype()) + " weights, " + dtypeName(dtype()) + " arithmetic";
}
c10::Device Blip2ModelImpl::device() const {
  return query_tokens.device();
}

void Blip2ModelImpl::attachLocalizer() {
  if (hasLocalizer()) return;
  VisualBridge bridge{nullptr};
  {
    DefaultDtypeGuard guard(dtype());
    bridge = VisualBridge(m_config);
  }
  if (weightDtype() != dtype()) storeMatricesIn(*bridge, weightDtype(), dtype());
  bridge->to(device());
  torch::NoGradGuard noGrad;
  bridge->post_layernorm->weight.copy_(vision_model->post_layernorm->weight);
  bridge->post_layernorm->bias.copy_(vision_model->post_layernorm->bias);
  bridge->query_tokens.copy_(query_tokens);
  auto from = qformer->named_parameters();
  for (auto& p : bridge->qformer->named_parameters()) p.value().copy_(from[p.key()]);
  bridge->language_projection->weight.copy_(language_projection->weight);
  bridge->language_projection->bias.copy_(language_projection->bias);
  bridge->eval();
  localizer = register_module("localizer", bridge);
}

at::Tensor Blip2ModelImpl::encodeFrames(const at::Tensor& pixelValues, const ForwardTrace& trace) {
  const int64_t frames = pixelValues.dim() == 4 ? pixelValues.size(0) : 0;
  if (weightDtype() == dtype() || trace.active() || frames <= vitFramesWhenNarrow)
    return vision_model->forward(pixelValues.to(device(), dtype()), trace.scoped("vision."));  // (T, N, W)
  std::vector<at::Tensor> parts;
  for (int64_t start = 0; start < frames; start += vitFramesWhenNarrow)
    parts.push_back(vision_model->forward(
        pixelValues.narrow(0, start, std::min(vitFramesWhenNarrow, frames - start)).to(device(), dtype()),
        ForwardTrace()));
  return torch::cat(parts, 0);  // (T, N, W)
}

at::Tensor Blip2ModelImpl::visualTokens(const at::Tensor& imageTokens, Role role, const ForwardTrace& trace) {
  if (role == Role::Localizer && !hasLocalizer())
    throw Error("Blip2Model", "the Localizer's weights are not loaded", "load a SeViLA checkpoint first");
  const bool answerer = role == Role::Answerer;
  auto& norm = answerer ? vision_model->post_layernorm : localizer->post_layernorm;
  auto normed = norm->forward(imageTokens.to(device(), dtype()));  // (T, N, W)
  trace("post_layernorm", normed);
  auto queries = (answerer ? qformer : localizer->qformer)
                     ->forward(answerer ? query_tokens : localizer->query_tokens, normed, at::Tensor(),
                               trace.scoped("qformer."));  // (T, Q, H)
  auto tokens =
      (answerer ? language_projection : localizer->language_projection)->forward(queries);  // (T, Q, D)
  trace("projection", tokens);
  return tokens;
}

Blip2ModelImpl::ParameterCounts Blip2ModelImpl::countParameters(const Blip2Config& c) {
  ParameterCounts n;
  const auto& v = c.vision;
  const int64_t W = v.hidden_size, M = v.intermediate_size, P = v.patch_size, g = v.image_size / v.patch_size;
  n.vision = W + (1 + g * g) * W + W * 3 * P * P + W;  // class, positions, patch conv
  const int64_t visionLayer =
      4 * W + 3 * W * W + (v.qkv_bias ? 3 * W : 0) + W * W + W + M * W + M + W * M + W;
  n.vision += v.num_hidden_layers * visionLayer + 2 * W;  // + post_layernorm

  const auto& q = c.qformer;
  const int64_t H = q.hidden_size, F = q.intermediate_size, E = q.encoder_hidden_size;
  n.qformer = c.num_query_tokens * H + 2 * H;
  const int64_t self = 4 * (H * H + H) + 2 * H;
  const int64_t cross = 2 * (H * H + H) + 2 * (E * H + H) + 2 * H;
  const int64_t ffn = F * H + F + H * F + H + 2 * H;
  for (int64_t i = 0; i < q.num_hidden_layers; ++i)
    n.qformer += self + ffn + (i % q.cross_attention_frequency == 0 ? cross : 0);

  n.projection = c.text.d_model * H + c.text.d_model;

  const auto& t = c.text;
  const int64_t D = t.d_model, I = t.num_heads * t.d_kv, V = t.vocab_size,
                B = t.relative_attention_num_buckets;
  const int64_t attn = 4 * D * I + D;  // q, k, v, o + the sublayer's norm
  const int64_t ff = (t.is_gated_act ? 3 : 2) * D * t.d_ff + D;
  n.t5 = V * D + t.num_layers * (attn + ff) + B * t.num_heads + D;
  n.t5 += t.num_decoder_layers * (2 * attn + ff) + B * t.num_heads + D;
  if (!t.tie_word_embeddings) n.t5 += V * D;
  return n;
}

}  // namespace sevila::nn
