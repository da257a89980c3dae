#include "nn/answerer.h"

#include <algorithm>

#include <torch/torch.h>

#include "core/error.h"
#include "nn/pass_graphs.h"
#include "nn/shape_text.h"

namespace sevila::nn {
namespace {

at::Tensor idsTensor(const std::vector<int64_t>& ids, c10::Device device) {
  return torch::tensor(ids, torch::dtype(at::kLong)).to(device);  // (L)
}

void requireIds(const std::vector<int64_t>& ids, const std::string& what, int64_t vocab) {
  if (ids.empty()) throw Error(what, "no token ids");
  for (const int64_t id : ids)
    if (id < 0 || id >= vocab)
      throw Error(what, "token id " + std::to_string(id) + " outside the vocabulary [0, " +
                            std::to_string(vocab) + ")");
}

struct TwoSteps {
  at::Tensor step0;    // (B, V) fp32 CPU
  at::Tensor tokens;   // (B) int64 CPU
  at::Tensor letters;  // (B, O) fp32 CPU
};

// Encoder over `embeds` (B, L, D) with an all-ones mask; step 0 greedy (or teacher-forced to
// `forcedToken` when >= 0); step 1 at the letters.
TwoSteps twoSteps(Blip2ModelImpl& network, const at::Tensor& embeds, const at::Tensor& letterIds,
                  int64_t forcedToken = -1) {
  const auto mask =
      torch::ones({embeds.size(0), embeds.size(1)}, torch::dtype(at::kLong).device(embeds.device()));
  const DecoderSteps s = answererDecoderSteps(network, embeds, mask, forcedToken);
  return TwoSteps{s.step0, s.tokens, s.step1.index_select(1, letterIds)};
}

at::Tensor embedIds(Blip2ModelImpl& network, const std::vector<int64_t>& ids, const std::string& what) {
  requireIds(ids, what, network.language_model->config().vocab_size);
  return network.language_model->embed(idsTensor(ids, network.device()));  // (L, D)
}

}  // namespace

AnswererPromptIds answererPromptIds(const T5Tokenizer& tokenizer, PromptFamily family,
                                    const std::string& question, const std::vector<std::string>& choices,
                                    int keyframes, int maxTextTokens) {
  AnswererPromptIds ids;
  for (int j = 1; j <= keyframes; ++j)
    ids.keyframePrefixes.push_back(tokenizer.encodeFramePrefix(keyframePrefix(j)));
  ids.framePrefix = tokenizer.encodeFramePrefix(singleFramePrefix());
  ids.text =
      tokenizer.truncate(tokenizer.encode(answererPrompt(family, question, choices), true), maxTextTokens);
  return ids;
}

at::Tensor optionLetterIds(const SevilaOptions& options, int numOptions, int64_t vocab) {
  if (numOptions < 1 || numOptions > static_cast<int>(options.letterIds.size()))
    throw Error("options", "between 1 and " + std::to_string(options.letterIds.size()) + " options, got " +
                               std::to_string(numOptions));
  std::vector<int64_t> ids(options.letterIds.begin(), options.letterIds.begin() + numOptions);
  requireIds(ids, "option letter ids", vocab);
  return torch::tensor(ids, torch::dtype(at::kLong));  // (O)
}

DecoderSteps answererDecoderSteps(Blip2ModelImpl& network, const at::Tensor& embeds, const at::Tensor& mask,
                                  int64_t forcedToken) {
  auto& t5 = network.language_model;
  const auto device = embeds.device();
  const auto encoded = t5->encode(embeds, mask);          // (B, L, D)
  const auto step0 = t5->firstStepLogits(encoded, mask);  // (B, V)
  const auto tokens = forcedToken >= 0
                          ? torch::full({embeds.size(0)}, forcedToken, torch::dtype(at::kLong).device(device))
                          : step0.argmax(1);  // (B)
  const auto start = torch::full({embeds.size(0), 1}, t5->config().decoder_start_token_id,
                                 torch::dtype(at::kLong).device(device));
  const auto decoderIds = torch::cat({start, tokens.unsqueeze(1)}, 1);    // (B, 2)
  const auto step1 = t5->decode(decoderIds, encoded, mask).select(1, 1);  // (B, V)
  return DecoderSteps{step0.to(at::kFloat).to(at::kCPU), tokens.to(at::kCPU),
                      step1.to(at::kFloat).to(at::kCPU)};
}

Answer answerFromSteps(const at::Tensor& step0, int64_t token, const at::Tensor& step1,
                       const at::Tensor& letterIds) {
  Answer a;
  a.step0Logits = step0.clone();
  a.step0Token = token;
  a.letterLogits = step1.index_select(0, letterIds);
  a.letterProbs = a.letterLogits.softmax(0);
  a.answer = static_cast<int>(a.letterLogits.argmax().item<int64_t>());
  return a;
}

at::Tensor answererInputs(Blip2ModelImpl& network, const at::Tensor& keyframeTokens,
                          const std::vector<std::vector<int64_t>>& keyframePrefixIds,
                          const std::vector<int64_t>& qaTextIds) {
  const auto tokens = keyframeTokens.to(network.device(), network.dtype());  // (k, Q, D)
  std::vector<at::Tensor> parts;
  for (int64_t j = 0; j < tokens.size(0); ++j) {
    parts.push_back(embedIds(network, keyframePrefixIds.at(j), "keyframe prefix ids"));  // (P_j, D)
    parts.push_back(tokens[j]);                                                          // (Q, D)
  }
  parts.push_back(embedIds(network, qaTextIds, "Answerer prompt ids"));  // (L, D)
  return torch::cat(parts, 0);                                           // (sum, D)
}

Answer answerFromTokens(const SevilaModel& model, const at::Tensor& keyframeTokens,
                        const std::vector<std::vector<int64_t>>& keyframePrefixIds,
                        const std::vector<int64_t>& qaTextIds, int numOptions, const SevilaOptions& options) {
  Blip2ModelImpl& network = model.network();
  if (keyframeTokens.dim() != 3 || keyframeTokens.size(0) < 1)
    throw Error("Answerer",
                "keyframe tokens must be (k, Q, D) with k >= 1, got " + shapeText(keyframeTokens.sizes()));
  const int64_t k = keyframeTokens.size(0);
  if (static_cast<int64_t>(keyframePrefixIds.size()) != k)
    throw Error("Answerer", std::to_string(keyframePrefixIds.size()) + " keyframe prefixes for " +
                                std::to_string(k) + " keyframes");
  const auto letterIds = optionLetterIds(options, numOptions, network.language_model->config().vocab_size);
  if (PassGraphs* graphs = options.passGraphs ? model.passGraphs() : nullptr) {
    const int64_t vocab = network.language_model->config().vocab_size;
    for (const auto& ids : keyframePrefixIds) requireIds(ids, "keyframe prefix ids", vocab);
    requireIds(qaTextIds, "Answerer prompt ids", vocab);
    if (auto s = graphs->answererSteps(network, keyframeTokens, keyframePrefixIds, qaTextIds))
      return answerFromSteps(s->step0, s->token, s->step1, letterIds);
  }
  const auto embeds = answererInputs(network, keyframeTokens, keyframePrefixIds, qaTextIds).unsqueeze(0);
  const auto mask = torch::ones({1, embeds.size(1)}, torch::dtype(at::kLong).device(embeds.device()));
  const DecoderSteps s = answererDecoderSteps(network, embeds, mask);
  return answerFromSteps(s.step0[0], s.tokens[0].item<int64_t>(), s.step1[0], letterIds);
}

Answer answer(const SevilaModel& model, const at::Tensor& imageTokens, const std::vector<int64_t>& keyframes,
              const std::vector<std::vector<int64_t>>& keyframePrefixIds,
              const std::vector<int64_t>& qaTextIds, int numOptions, const SevilaOptions& options) {
  if (imageTokens.dim() != 3)
    throw Error("Answerer", "ViT output must be (T, N, W), got " + shapeText(imageTokens.sizes()));
  if (keyframes.empty()) throw Error("Answerer", "no keyframes");
  for (const int64_t f : keyframes)
    if (f < 0 || f >= imageTokens.size(0))
      throw Error("Answerer", "keyframe " + std::to_string(f) + " outside the " +
                                  std::to_string(imageTokens.size(0)) + " frames");
  const auto index = torch::tensor(keyframes, torch::dtype(at::kLong)).to(imageTokens.device());
  const auto tokens =
      model.network().visualTokens(imageTokens.index_select(0, index), Role::Answerer);  // (k, Q, D)
  return answerFromTokens(model, tokens, keyframePrefixIds, qaTextIds, numOptions, options);
}

Answer answer(const SevilaModel& model, const at::Tensor& imageTokens, const std::vector<int64_t>& keyframes,
              PromptFamily family, const std::string& question, const std::vector<std::string>& choices,
              const SevilaOptions& options) {
  const auto ids = answererPromptIds(model.tokenizer(), family, question, choices,
                                     static_cast<int>(keyframes.size()), options.maxTextTokens);
  return answer(model, imageTokens, keyframes, ids.keyframePrefixes, ids.text,
                static_cast<int>(choices.size()), options);
}

namespace {

FrameAnswers eachFrame(const SevilaModel& model, const at::Tensor& visualTokens,
                       const std::vector<int64_t>& framePrefixIds, const std::vector<int64_t>& qaTextIds,
                       int numOptions, const SevilaOptions& options, int64_t forcedToken) {
  Blip2ModelImpl& network = model.network();
  if (visualTokens.dim() != 3 || visualTokens.size(0) < 1)
    throw Error("Answerer", "visual tokens must be (T, Q, D), got " + shapeText(visualTokens.sizes()));
  const auto letterIds = optionLetterIds(options, numOptions, network.language_model->config().vocab_size);
  const int64_t frames = visualTokens.size(0);
  const auto prefix =
      embedIds(network, framePrefixIds, "frame prefix ids").unsqueeze(0).expand({frames, -1, -1});
  const auto text = embedIds(network, qaTextIds, "Answerer prompt ids").unsqueeze(0).expand({frames, -1, -1});
  const auto embeds =
      torch::cat({prefix, visualTokens.to(network.device(), network.dtype()), text}, 1);  // (T, L, D)
  const TwoSteps s = twoSteps(network, embeds, letterIds, forcedToken);
  FrameAnswers out;
  out.letterLogits = s.letters;
  out.letterProbs = s.letters.softmax(1);
  out.step0Tokens = s.tokens;
  const auto best = s.letters.argmax(1);
  for (int64_t i = 0; i < frames; ++i) out.answers.push_back(static_cast<int>(best[i].item<int64_t>()));
  return out;
}

}  // namespace

FrameAnswers answerEachFrameFromTokens(const SevilaModel& model, const at::Tensor& visualTokens,
                                       const std::vector<int64_t>& framePrefixIds,
                                       const std::vector<int64_t>& qaTextIds, int numOptions,
                                       const SevilaOptions& options) {
  return eachFrame(model, visualTokens, framePrefixIds, qaTextIds, numOptions, options, -1);
}

FrameAnswers answerEachFrameTeacherForced(const SevilaModel& model, const at::Tensor& visualTokens,
                                          const std::vector<int64_t>& framePrefixIds,
                                          const std::vector<int64_t>& qaTextIds, int numOptions,
                                          int64_t optionTokenId, const SevilaOptions& options) {
  if (optionTokenId < 0 || optionTokenId >= model.network().language_model->config().vocab_size)
    throw Error("Answerer",
                "the teacher-forced token " + std::to_string(optionTokenId) + " is outside the vocabulary");
  return eachFrame(model, visualTokens, framePrefixIds, qaTextIds, numOptions, options, optionTokenId);
}

FrameAnswers answerEachFrame(const SevilaModel& model, const at::Tensor& imageTokens,
                             const std::vector<int64_t>& framePrefixIds,
                             const std::vector<int64_t>& qaTextIds, int numOptions,
                             const SevilaOptions& options) {
  if (imageTokens.dim() != 3)
    throw Error("Answerer", "ViT output must be (T, N, W), got " + shapeText(imageTokens.sizes()));
  const auto tokens = model.network().visualTokens(imageTokens, Role::Answerer);  // (T, Q, D)
  return answerEachFrameFromTokens(model, tokens, framePrefixIds, qaTextIds, numOptions, options);
}

FrameAnswers answerEachFrame(const SevilaModel& model, const at::Tensor& imageTokens, PromptFamily family,
                             const std::string& question, const std::vector<std::string>& choices,
                             const SevilaOptions& options) {
  const auto ids = answererPromptIds(model.tokenizer(), family, question, choices, 0, options.maxTextTokens);
  return answerEachFrame(model, imageTokens, ids.framePrefix, ids.text, static_cast<int>(choices.size()),
                         options);
}

std::vector<int64_t> pseudoLabels(const FrameAnswers& answers, int groundTruth) {
  std::vector<int64_t> labels;
  for (const int a : answers.answers) labels.push_back(a == groundTruth ? 1 : 0);
  return labels;
}

int majorityVote(const FrameAnswers& answers) {
  if (answers.answers.empty()) throw Error("voting", "no frames answered");
  const int64_t options = answers.letterProbs.size(1);
  std::vector<int> votes(static_cast<size_t>(options), 0);
  for (const int a : answers.answers) ++votes[static_cast<size_t>(a)];
  const auto mass = answers.letterProbs.to(at::kDouble).sum(0);  // (O)
  int best = 0;
  for (int o = 1; o < options; ++o) {
    if (votes[o] > votes[best] ||
        (votes[o] == votes[best] && mass[o].item<double>() > mass[best].item<double>()))
      best = o;
  }
  return best;
}

bool oracleCorrect(const FrameAnswers& answers, int groundTruth) {
  return std::find(answers.answers.begin(), answers.answers.end(), groundTruth) != answers.answers.end();
}

}  // namespace sevila::nn
