#include "nn/blip2_trace.h"

#include <torch/torch.h>

#include "core/error.h"
#include "nn/t5_relative_position.h"

namespace sevila::nn {
namespace {

const at::Tensor& input(const std::map<std::string, at::Tensor>& inputs, const std::string& name) {
  auto it = inputs.find(name);
  if (it == inputs.end()) throw Error("inputs", "missing tensor " + name);
  return it->second;
}

// Every traced tensor leaves as a CPU tensor, floats in fp32 (whatever the model ran in).
ForwardTrace collector(std::map<std::string, at::Tensor>& out,
                       std::function<std::string(const std::string&)> rename = {}) {
  return ForwardTrace([&out, rename](const std::string& name, const at::Tensor& value) {
    const std::string key = rename ? rename(name) : name;
    if (key.empty()) return;
    auto v = value.detach().to(at::kCPU);
    out[key] = v.is_floating_point() ? v.to(at::kFloat).clone() : v.clone();
  });
}

void traceT5Lavis(Blip2ModelImpl& model, const std::map<std::string, at::Tensor>& in,
                  std::map<std::string, at::Tensor>& out, const at::Tensor& projection) {
  auto& t5 = model.language_model;
  const auto dev = model.device();
  const auto textIds = input(in, "t5.text_ids").to(dev);
  const auto mask = input(in, "t5.attention_mask").to(dev);
  const auto b = textIds.size(0);
  auto embeds = torch::cat({projection.narrow(0, 0, b), t5->embed(textIds)}, 1);  // (B, Q+L, D)
  auto trace = collector(out);
  trace("t5.inputs_embeds", embeds);
  auto encoded = t5->encode(embeds, mask, &trace);  // (B, Q+L, D)
  if (in.count("t5.decoder_input_ids")) {
    t5->decode(input(in, "t5.decoder_input_ids").to(dev), encoded, mask, &trace);  // (B, S, V)
    // The golden tables: buckets of (key − query) for the ENCODER length, both directions.
    const auto& c = t5->config();
    const auto n = embeds.size(1);
    out["t5.encoder.position_buckets"] = positionBuckets(n, n, true, c.relative_attention_num_buckets,
                                                         c.relative_attention_max_distance, at::kCPU);
    out["t5.decoder.position_buckets"] = positionBuckets(n, n, false, c.relative_attention_num_buckets,
                                                         c.relative_attention_max_distance, at::kCPU);
    const auto steps = input(in, "t5.decoder_input_ids").size(1);
    auto gen = t5->generate(encoded.narrow(0, 0, 1), mask.narrow(0, 0, 1), steps, /*stopAtEos=*/false);
    out["t5.greedy_ids"] =
        gen.ids.narrow(1, 1, gen.ids.size(1) - 1).to(at::kCPU).to(at::kLong);  // (1, steps)
  }
  out.erase("t5.encoder.position_bias");
  out.erase("t5.decoder.position_bias");
}

void traceT5Hf(Blip2ModelImpl& model, const std::map<std::string, at::Tensor>& in,
               std::map<std::string, at::Tensor>& out, const at::Tensor& projection,
               const TraceOptions& options) {
  auto& t5 = model.language_model;
  const auto dev = model.device();
  const auto ids = input(in, "input_ids").to(dev);
  const auto b = ids.size(0), q = projection.size(1);
  auto mask = torch::cat({torch::ones({b, q}, torch::dtype(at::kLong).device(dev)),
                          input(in, "attention_mask").to(dev).to(at::kLong)},
                         1);                                                  // (B, Q+L)
  auto embeds = torch::cat({projection.narrow(0, 0, b), t5->embed(ids)}, 1);  // (B, Q+L, D)
  auto trace = collector(out);
  trace("t5.attention_mask", mask);
  trace("t5.inputs_embeds", embeds);
  auto encoded = t5->encode(embeds, mask, &trace);
  out.erase("t5.encoder.position_bias");
  out.erase("t5.encoder.position_buckets");  // the hf family keeps these in t5_buckets.safetensors
  if (in.count("decoder_input_ids")) {
    const auto decoderIds = input(in, "decoder_input_ids").to(dev);
    auto hidden = t5->decodeHidden(decoderIds, encoded, mask, &trace);
    trace("t5.decoder.last_hidden_state", hidden);
    trace("t5.logits", t5->head(hidden));
    out.erase("t5.decoder.position_bias");
    out.erase("t5.decoder.position_buckets");
    trace("t5.first_step_logits", t5->firstStepLogits(encoded, mask));
  }
  auto gen = t5->generate(encoded, mask, options.maxNewTokens, /*stopAtEos=*/true);
  trace("generate.ids", gen.ids.to(at::kLong));
  trace("generate.scores", gen.scores);
}

}  // namespace

std::map<std::string, at::Tensor> traceBlip2(Blip2ModelImpl& model,
                                             const std::map<std::string, at::Tensor>& inputs,
                                             const TraceOptions& options) {
  torch::NoGradGuard noGrad;
  std::map<std::string, at::Tensor> out;
  const at::Tensor& pixels = input(inputs, "pixel_values");
  const bool hf = model.config().flavour == Flavour::Hf;
  if (!hf) {
    auto trace = collector(out);
    auto image = model.encodeFrames(pixels, trace);  // (T, N, W)
    if (model.hasLocalizer()) {
      // SeViLA weights: the two roles' bridges, named as the golden files name them.
      auto roleTrace = [&out](const std::string& normName, const std::string& suffix) {
        return collector(out, [normName, suffix](const std::string& name) -> std::string {
          if (name == "post_layernorm") return normName;
          if (name == "projection") return "projection" + suffix;
          if (name.rfind("qformer.", 0) == 0) return "qformer" + suffix + name.substr(7);
          return name;
        });
      };
      model.visualTokens(image, Role::Answerer, roleTrace("vision.ln_vision", ""));           // (T, Q, D)
      model.visualTokens(image, Role::Localizer, roleTrace("vision.ln_vision_loc", "_loc"));  // (T, Q, D)
      return out;
    }
    auto projection = model.visualTokens(image, Role::Answerer, trace.scoped("blip2."));  // (T, Q, D)
    if (inputs.count("t5.text_ids") && inputs.count("t5.attention_mask"))
      traceT5Lavis(model, inputs, out, projection);
    return out;
  }
  // HF: its "last_hidden_state" is the post_layernorm output; the raw encoder output has no name there.
  auto trace = collector(out, [](const std::string& name) -> std::string {
    if (name == "vision.last_hidden_state") return {};
    if (name == "post_layernorm") return "vision.last_hidden_state";
    return name;
  });
  auto image = model.encodeFrames(pixels, trace);                      // (T, N, W)
  auto projection = model.visualTokens(image, Role::Answerer, trace);  // (T, Q, D)
  {
    torch::NoGradGuard g;
    auto cls = out.at("vision.last_hidden_state").select(1, 0).to(model.device(), model.dtype());  // (T, W)
    trace("vision.pooler_output", model.vision_model->post_layernorm->forward(cls));  // HF normalises twice
  }
  if (inputs.count("input_ids") && inputs.count("attention_mask"))
    traceT5Hf(model, inputs, out, projection, options);
  return out;
}

}  // namespace sevila::nn
