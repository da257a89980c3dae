#include "nn/question_group.h"

#include <algorithm>
#include <map>

#include <torch/torch.h>

#include "core/error.h"
#include "nn/shape_text.h"

namespace sevila::nn {
namespace {

void requireImageTokens(const at::Tensor& imageTokens) {
  if (imageTokens.dim() != 3 || imageTokens.size(0) < 1)
    throw Error("question group", "ViT output must be (T >= 1, N, W), got " + shapeText(imageTokens.sizes()));
}

// Rows (L_i, D) or (R, L_i, D) padded at the end of dim -2 to `length`: the rows and their mask.
struct Padded {
  at::Tensor embeds;  // (..., length, D)
  at::Tensor mask;    // (..., length) int64: 1 real, 0 padding
};
Padded padTo(const at::Tensor& rows, int64_t length) {
  const int64_t used = rows.size(-2);
  auto padShape = rows.sizes().vec();
  padShape[padShape.size() - 2] = length - used;
  auto maskShape = rows.sizes().vec();
  maskShape.pop_back();
  const auto longs = torch::dtype(at::kLong).device(rows.device());
  at::Tensor mask = torch::ones(maskShape, longs);
  if (length == used) return Padded{rows, mask};
  auto padMaskShape = maskShape;
  padMaskShape.back() = length - used;
  return Padded{torch::cat({rows, torch::zeros(padShape, rows.options())}, -2),
                torch::cat({mask, torch::zeros(padMaskShape, longs)}, -1)};
}

}  // namespace

std::vector<LocalizerScores> localizeGroup(const SevilaModel& model, const at::Tensor& imageTokens,
                                           const std::vector<LocalizerPromptIds>& prompts,
                                           const SevilaOptions& options) {
  requireImageTokens(imageTokens);
  if (prompts.empty()) return {};
  Blip2ModelImpl& network = model.network();
  const at::Tensor tokens = network.visualTokens(imageTokens, Role::Localizer);  // (T, Q, D), once
  if (prompts.size() == 1)
    return {scoreLocalizerTokens(model, tokens, prompts[0].framePrefix, prompts[0].text, options)};

  const int64_t frames = tokens.size(0), questions = static_cast<int64_t>(prompts.size());
  const int64_t vocab = network.language_model->config().vocab_size;
  if (options.yesId < 0 || options.yesId >= vocab || options.noId < 0 || options.noId >= vocab)
    throw Error("Localizer", "the yes/no token ids lie outside the vocabulary of " + std::to_string(vocab));
  int64_t longest = 0;  // positions of the longest prompt's rows
  for (const auto& p : prompts)
    longest = std::max(longest, static_cast<int64_t>(p.framePrefix.size() + p.text.size()) + tokens.size(1));
  // Stacked rows [first, first + count) (question-major: row q * T + t), padded: built one pass at a
  // time, so a group holds no more input than one pass reads.
  const auto stackedRows = [&](int64_t first, int64_t count) {
    std::vector<at::Tensor> embeds, masks;
    for (int64_t row = first; row < first + count;) {
      const int64_t q = row / frames, t = row % frames, n = std::min(frames - t, first + count - row);
      const auto& p = prompts[static_cast<size_t>(q)];
      Padded padded = padTo(localizerInputs(network, tokens.narrow(0, t, n), p.framePrefix, p.text), longest);
      embeds.push_back(padded.embeds);  // (n, L, D)
      masks.push_back(padded.mask);     // (n, L)
      row += n;
    }
    return std::make_pair(torch::cat(embeds, 0), torch::cat(masks, 0));
  };

  auto& t5 = network.language_model;
  const int64_t rows = localizerRowsPerPass(network, options, questions * frames);
  std::vector<at::Tensor> parts;
  for (int64_t start = 0; start < questions * frames; start += rows) {
    const auto [e, m] = stackedRows(start, std::min(rows, questions * frames - start));
    parts.push_back(t5->firstStepLogits(t5->encode(e, m), m).to(at::kFloat).to(at::kCPU));  // (R, V)
  }
  const at::Tensor logits = torch::cat(parts, 0);  // (QT, V)
  std::vector<LocalizerScores> out;
  for (int64_t q = 0; q < questions; ++q)
    out.push_back(localizerScoresFromLogits(logits.narrow(0, q * frames, frames).clone(), options));
  return out;
}

std::vector<Answer> answerGroup(const SevilaModel& model, const at::Tensor& imageTokens,
                                const std::vector<AnswererQuestion>& questions,
                                const SevilaOptions& options) {
  requireImageTokens(imageTokens);
  if (questions.empty()) return {};
  const int64_t frames = imageTokens.size(0);
  for (const auto& q : questions) {
    if (q.keyframes.empty()) throw Error("Answerer", "no keyframes");
    if (q.prompt.keyframePrefixes.size() < q.keyframes.size())
      throw Error("Answerer", std::to_string(q.prompt.keyframePrefixes.size()) + " keyframe prefixes for " +
                                  std::to_string(q.keyframes.size()) + " keyframes");
    for (const int64_t f : q.keyframes)
      if (f < 0 || f >= frames)
        throw Error("Answerer",
                    "keyframe " + std::to_string(f) + " outside the " + std::to_string(frames) + " frames");
  }
  const auto prefixesOf = [](const AnswererQuestion& q) {
    return std::vector<std::vector<int64_t>>(
        q.prompt.keyframePrefixes.begin(),
        q.prompt.keyframePrefixes.begin() + static_cast<std::ptrdiff_t>(q.keyframes.size()));
  };
  if (questions.size() == 1) {
    const auto& q = questions[0];
    return {answer(model, imageTokens, q.keyframes, prefixesOf(q), q.prompt.text, q.numOptions, options)};
  }

  Blip2ModelImpl& network = model.network();
  const int64_t vocab = network.language_model->config().vocab_size;
  // The bridge once over the union of the keyframes; position[f] = f's row in its output.
  std::map<int64_t, int64_t> position;
  for (const auto& q : questions)
    for (const int64_t f : q.keyframes) position.emplace(f, 0);
  std::vector<int64_t> uniqueFrames;
  for (auto& [f, row] : position) {
    row = static_cast<int64_t>(uniqueFrames.size());
    uniqueFrames.push_back(f);
  }
  const at::Tensor index = torch::tensor(uniqueFrames, torch::dtype(at::kLong)).to(imageTokens.device());
  const at::Tensor tokens =
      network.visualTokens(imageTokens.index_select(0, index), Role::Answerer);  // (U, Q, D)

  std::vector<at::Tensor> inputs, letterIds;
  int64_t longest = 0;
  for (const auto& q : questions) {
    std::vector<int64_t> rows;
    for (const int64_t f : q.keyframes) rows.push_back(position.at(f));
    const at::Tensor keyframeTokens =
        tokens.index_select(0, torch::tensor(rows, torch::dtype(at::kLong)).to(tokens.device()));
    inputs.push_back(answererInputs(network, keyframeTokens, prefixesOf(q), q.prompt.text));  // (L_q, D)
    longest = std::max(longest, inputs.back().size(0));
    letterIds.push_back(optionLetterIds(options, q.numOptions, vocab));
  }
  std::vector<at::Tensor> embeds, masks;
  for (const auto& in : inputs) {
    Padded p = padTo(in, longest);
    embeds.push_back(p.embeds);
    masks.push_back(p.mask);
  }
  const DecoderSteps s = answererDecoderSteps(network, torch::stack(embeds), torch::stack(masks));
  std::vector<Answer> out;
  for (size_t i = 0; i < questions.size(); ++i) {
    const auto row = static_cast<int64_t>(i);
    out.push_back(answerFromSteps(s.step0[row], s.tokens[row].item<int64_t>(), s.step1[row], letterIds[i]));
  }
  return out;
}

}  // namespace sevila::nn
