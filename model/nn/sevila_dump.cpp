#include "nn/sevila_dump.h"

#include <torch/torch.h>

#include "nn/answerer.h"
#include "core/error.h"
#include "nn/localizer.h"
#include "nn/localizer_loss.h"
#include "nn/weight_names.h"

namespace sevila::nn {
namespace {

const at::Tensor& input(const std::map<std::string, at::Tensor>& inputs, const std::string& name) {
  auto it = inputs.find(name);
  if (it == inputs.end()) throw Error("inputs", "missing tensor " + name);
  return it->second;
}

std::vector<int64_t> ids(const at::Tensor& t) {
  const auto flat = t.to(at::kCPU).to(at::kLong).contiguous().reshape({-1});
  return std::vector<int64_t>(flat.data_ptr<int64_t>(), flat.data_ptr<int64_t>() + flat.numel());
}

at::Tensor cpu(const at::Tensor& t) {
  auto v = t.detach().to(at::kCPU);
  return v.is_floating_point() ? v.to(at::kFloat).clone() : v.to(at::kLong).clone();
}

at::Tensor longs(const std::vector<int64_t>& v) {
  return torch::tensor(v, torch::dtype(at::kLong));
}

// Collects one role's bridge taps under the golden names.
ForwardTrace roleTrace(std::map<std::string, at::Tensor>& out, Role role) {
  const bool loc = role == Role::Localizer;
  return ForwardTrace([&out, loc](const std::string& name, const at::Tensor& value) {
    std::string key;
    if (name == "post_layernorm")
      key = loc ? "vision.ln_vision_loc" : "vision.ln_vision";
    else if (name == "projection")
      key = loc ? "projection_loc" : "projection";
    else if (name.rfind("qformer.", 0) == 0)
      key = loc ? "qformer_loc." + name.substr(8) : name;
    else
      key = (loc ? "localizer." : "answerer.") + name;
    out[key] = cpu(value);
  });
}

}  // namespace

std::map<std::string, at::Tensor> dumpSevila(const SevilaModel& model,
                                             const std::map<std::string, at::Tensor>& inputs,
                                             const SevilaDumpOptions& dump) {
  Blip2ModelImpl& network = model.network();
  std::map<std::string, at::Tensor> out;
  at::Tensor image;
  {
    torch::NoGradGuard noGrad;
    image = network.encodeFrames(input(inputs, "pixel_values"));  // (T, N, W)
    const auto ansTokens =
        network.visualTokens(image, Role::Answerer, roleTrace(out, Role::Answerer));  // (T, Q, D)
    const auto locTokens =
        network.visualTokens(image, Role::Localizer, roleTrace(out, Role::Localizer));  // (T, Q, D)

    if (inputs.count("sevila.frame_prefix_ids") && inputs.count("sevila.loc_text_ids")) {
      const auto prefix = ids(inputs.at("sevila.frame_prefix_ids"));
      SevilaOptions options = model.options();
      if (inputs.count("sevila.vid_prefix_ids"))
        options.keyframes = static_cast<int>(inputs.at("sevila.vid_prefix_ids").size(0));
      const auto loc =
          scoreLocalizerTokens(model, locTokens, prefix, ids(inputs.at("sevila.loc_text_ids")), options);
      out["sevila.loc.first_logits"] = loc.firstLogits;
      out["sevila.loc.yes_logit"] = loc.yesLogit;
      out["sevila.loc.yes_prob"] = loc.yesProb;
      out["sevila.loc.yes_no_prob"] = loc.yesNoProb;
      out["sevila.keyframes"] = longs(loc.keyframes);

      if (inputs.count("sevila.qa_text_ids")) {
        const auto qa = ids(inputs.at("sevila.qa_text_ids"));
        if (inputs.count("sevila.vid_prefix_ids")) {
          const auto rows = inputs.at("sevila.vid_prefix_ids");
          std::vector<std::vector<int64_t>> prefixes;
          for (int64_t j = 0; j < rows.size(0); ++j) prefixes.push_back(ids(rows[j]));
          const auto index = longs(loc.keyframes).to(ansTokens.device());
          const Answer a = answerFromTokens(model, ansTokens.index_select(0, index), prefixes, qa,
                                            dump.numOptions, options);
          out["sevila.ans.step0_logits"] = a.step0Logits;
          out["sevila.ans.step0_token"] = longs({a.step0Token});
          out["sevila.ans.letter_logits"] = a.letterLogits;
          out["sevila.ans.letter_probs"] = a.letterProbs;
          out["sevila.ans.answer"] = longs({a.answer});
        }
        const FrameAnswers each =
            answerEachFrameFromTokens(model, ansTokens, prefix, qa, dump.numOptions, options);
        out["sevila.frame_ans.letter_logits"] = each.letterLogits;
        out["sevila.frame_ans.step0_tokens"] = each.step0Tokens;
        if (inputs.count("sevila.ground_truth")) {
          const int gt = static_cast<int>(ids(inputs.at("sevila.ground_truth")).at(0));
          out["sevila.pseudo_labels"] = longs(pseudoLabels(each, gt));
        }
      }
    }
  }
  if (inputs.count("train.loc_labels") && inputs.count("sevila.frame_prefix_ids") &&
      inputs.count("sevila.loc_text_ids")) {
    const LocalizerLoss loss =
        localizerLoss(model, image, ids(inputs.at("sevila.frame_prefix_ids")),
                      ids(inputs.at("sevila.loc_text_ids")), inputs.at("train.loc_labels"));
    out["train.loc_loss"] = cpu(loss.loss).reshape({1});
    for (const auto& [path, grad] : localizerGradients(model, loss)) {
      const auto key =
          checkpointKey(path, CheckpointLayout::Lavis);  // t5_proj_loc.weight, query_tokens_loc, ...
      out["train.grad." + (key ? key->keys.front() : path)] = cpu(grad);
    }
  }
  return out;
}

}  // namespace sevila::nn
