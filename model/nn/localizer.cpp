#include "nn/localizer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <torch/torch.h>

#include "core/error.h"
#include "nn/pass_graphs.h"
#include "nn/shape_text.h"

namespace sevila::nn {
namespace {

at::Tensor idsTensor(const std::vector<int64_t>& ids, c10::Device device) {
  return torch::tensor(ids, torch::dtype(at::kLong)).to(device);  // (L)
}

void requireIds(const std::vector<int64_t>& ids, const char* what, int64_t vocab) {
  if (ids.empty()) throw Error(what, "no token ids");
  for (const int64_t id : ids)
    if (id < 0 || id >= vocab)
      throw Error(what, "token id " + std::to_string(id) + " outside the vocabulary [0, " +
                            std::to_string(vocab) + ")");
}

}  // namespace

LocalizerPromptIds localizerPromptIds(const T5Tokenizer& tokenizer, PromptFamily family,
                                      const std::string& question, const std::vector<std::string>& choices,
                                      int maxTextTokens) {
  LocalizerPromptIds ids;
  ids.framePrefix = tokenizer.encodeFramePrefix(singleFramePrefix());
  ids.text =
      tokenizer.truncate(tokenizer.encode(localizerPrompt(family, question, choices), true), maxTextTokens);
  return ids;
}

at::Tensor localizerInputs(Blip2ModelImpl& network, const at::Tensor& visualTokens,
                           const std::vector<int64_t>& framePrefixIds,
                           const std::vector<int64_t>& locTextIds) {
  if (visualTokens.dim() != 3)
    throw Error("Localizer", "visual tokens must be (T, Q, D), got " + shapeText(visualTokens.sizes()));
  auto& t5 = network.language_model;
  const int64_t vocab = t5->config().vocab_size;
  requireIds(framePrefixIds, "frame prefix ids", vocab);
  requireIds(locTextIds, "Localizer prompt ids", vocab);
  const int64_t frames = visualTokens.size(0);
  const auto device = network.device();
  const auto tokens = visualTokens.to(device, network.dtype());  // (T, Q, D)
  const auto prefix =
      t5->embed(idsTensor(framePrefixIds, device)).unsqueeze(0).expand({frames, -1, -1});  // (T, P, D)
  const auto text =
      t5->embed(idsTensor(locTextIds, device)).unsqueeze(0).expand({frames, -1, -1});  // (T, L, D)
  return torch::cat({prefix, tokens, text}, 1);                                        // (T, P + Q + L, D)
}

int64_t localizerRowsPerPass(const Blip2ModelImpl& network, const SevilaOptions& options, int64_t frames) {
  if (options.localizerRows < 0)
    throw Error("Localizer", "frames per pass must be positive (or 0: automatic), got " +
                                 std::to_string(options.localizerRows));
  int64_t rows = options.localizerRows;
  if (rows == 0) rows = network.weightDtype() != network.dtype() ? localizerRowsWhenNarrow : frames;
  return std::max<int64_t>(1, std::min(rows, frames));
}

LocalizerScores scoreLocalizerTokens(const SevilaModel& model, const at::Tensor& visualTokens,
                                     const std::vector<int64_t>& framePrefixIds,
                                     const std::vector<int64_t>& locTextIds, const SevilaOptions& options) {
  Blip2ModelImpl& network = model.network();
  auto& t5 = network.language_model;
  const int64_t vocab = t5->config().vocab_size;
  if (options.yesId < 0 || options.yesId >= vocab || options.noId < 0 || options.noId >= vocab)
    throw Error("Localizer", "the yes/no token ids lie outside the vocabulary of " + std::to_string(vocab));
  if (visualTokens.dim() != 3 || visualTokens.size(0) < 1)
    throw Error("Localizer", "visual tokens must be (T >= 1, Q, D), got " + shapeText(visualTokens.sizes()));
  const int64_t frames = visualTokens.size(0);
  const int64_t rows = localizerRowsPerPass(network, options, frames);
  std::vector<at::Tensor> parts;
  if (PassGraphs* graphs = options.passGraphs ? model.passGraphs() : nullptr; graphs && rows == frames) {
    requireIds(framePrefixIds, "frame prefix ids", vocab);
    requireIds(locTextIds, "Localizer prompt ids", vocab);
    if (auto logits = graphs->localizerLogits(network, visualTokens, framePrefixIds, locTextIds))
      parts.push_back(*logits);  // (T, V)
  }
  const bool replayed = !parts.empty();
  for (int64_t start = 0; !replayed && start < frames; start += rows) {
    const auto embeds =
        localizerInputs(network, visualTokens.narrow(0, start, std::min(rows, frames - start)),
                        framePrefixIds, locTextIds);  // (R, L, D)
    const auto mask =
        torch::ones({embeds.size(0), embeds.size(1)}, torch::dtype(at::kLong).device(embeds.device()));
    const auto encoded = t5->encode(embeds, mask);                                    // (R, L, D)
    parts.push_back(t5->firstStepLogits(encoded, mask).to(at::kFloat).to(at::kCPU));  // (R, V)
  }
  return localizerScoresFromLogits(parts.size() == 1 ? parts.front() : torch::cat(parts, 0), options);
}

LocalizerScores localizerScoresFromLogits(const at::Tensor& logits, const SevilaOptions& options) {
  if (logits.dim() != 2 || options.yesId < 0 || options.noId < 0 || options.yesId >= logits.size(1) ||
      options.noId >= logits.size(1))
    throw Error("Localizer", "first-step logits " + shapeText(logits.sizes()) + " lack the yes/no ids");
  LocalizerScores s;
  s.firstLogits = logits;
  s.yesLogit = logits.select(1, options.yesId).clone();            // (T)
  s.yesProb = logits.softmax(1).select(1, options.yesId).clone();  // (T)
  const auto pair =
      torch::stack({logits.select(1, options.yesId), logits.select(1, options.noId)}, 1);  // (T, 2)
  s.yesNoProb = pair.softmax(1).select(1, 0).clone();                                      // (T)
  s.keyframes = selectKeyframes(s, options.keyframes, options.ranking);
  return s;
}

LocalizerScores localize(const SevilaModel& model, const at::Tensor& imageTokens,
                         const std::vector<int64_t>& framePrefixIds, const std::vector<int64_t>& locTextIds,
                         const SevilaOptions& options) {
  if (imageTokens.dim() != 3)
    throw Error("Localizer", "ViT output must be (T, N, W), got " + shapeText(imageTokens.sizes()));
  const auto tokens = model.network().visualTokens(imageTokens, Role::Localizer);  // (T, Q, D)
  return scoreLocalizerTokens(model, tokens, framePrefixIds, locTextIds, options);
}

LocalizerScores localize(const SevilaModel& model, const at::Tensor& imageTokens,
                         const std::vector<int64_t>& framePrefixIds, const std::vector<int64_t>& locTextIds) {
  return localize(model, imageTokens, framePrefixIds, locTextIds, model.options());
}

LocalizerScores localize(const SevilaModel& model, const at::Tensor& imageTokens, PromptFamily family,
                         const std::string& question, const std::vector<std::string>& choices,
                         const SevilaOptions& options) {
  const auto ids = localizerPromptIds(model.tokenizer(), family, question, choices, options.maxTextTokens);
  return localize(model, imageTokens, ids.framePrefix, ids.text, options);
}

std::vector<int64_t> selectKeyframes(const at::Tensor& scores, int k) {
  if (k < 1) throw Error("keyframes", "must be at least 1, got " + std::to_string(k));
  if (scores.dim() != 1)
    throw Error("keyframes", "scores must be one per frame, got " + shapeText(scores.sizes()));
  const auto values = scores.detach().to(at::kCPU).to(at::kDouble).contiguous();
  const double* v = values.data_ptr<double>();
  const int64_t n = values.numel();
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  // Higher score first; NaN after every number; equal scores keep frame order (stable sort).
  std::stable_sort(order.begin(), order.end(), [v](int64_t a, int64_t b) {
    const bool na = std::isnan(v[a]), nb = std::isnan(v[b]);
    if (na || nb) return !na && nb;
    return v[a] > v[b];
  });
  order.resize(static_cast<size_t>(std::min<int64_t>(k, n)));
  std::sort(order.begin(), order.end());
  return order;
}

std::vector<int64_t> selectKeyframes(const LocalizerScores& scores, int k, KeyframeRanking ranking) {
  return selectKeyframes(ranking == KeyframeRanking::YesLogit ? scores.yesLogit : scores.yesProb, k);
}

}  // namespace sevila::nn
