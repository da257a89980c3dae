#include "demo_evaluation.h"

#include <cmath>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "demo_corpus.h"
#include "nn/answerer.h"
#include "nn/blip2_model.h"
#include "nn/localizer.h"
#include "nn/sevila_model.h"
#include "question_prompts.h"

namespace sevila::demo {
namespace {

double ratio(double a, double b) {
  return b > 0 ? a / b : NAN;
}

nlohmann::json scoreJson(const DemoScore& s) {
  auto number = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  return {{"questions", s.questions},
          {"keyframes", s.keyframes},
          {"keyframe_hits", s.hits},
          {"hit_rate", number(s.hitRate())},
          {"answerer_accuracy_right_frames", number(s.answererAccuracy())},
          {"chain_accuracy", number(s.chainAccuracy())}};
}

}  // namespace

double DemoScore::hitRate() const {
  return ratio(static_cast<double>(hits), static_cast<double>(keyframes));
}
double DemoScore::answererAccuracy() const {
  return ratio(perfectCorrect, questions);
}
double DemoScore::chainAccuracy() const {
  return ratio(chainCorrect, questions);
}
void DemoScore::add(const DemoScore& o) {
  questions += o.questions;
  keyframes += o.keyframes;
  hits += o.hits;
  perfectCorrect += o.perfectCorrect;
  chainCorrect += o.chainCorrect;
}

nlohmann::json DemoEvaluation::toJson() const {
  nlohmann::json j = scoreJson(all);
  j["chance_hit_rate"] = chanceHitRate;
  for (const auto& [type, score] : byType) j["by_type"][type] = scoreJson(score);
  return j;
}

std::vector<int64_t> perfectKeyframes(const std::vector<int>& truth, int gridFrames, int k) {
  std::vector<float> scores(static_cast<size_t>(gridFrames), 0.0f);
  for (int p : truth)
    if (p >= 0 && p < gridFrames) scores[static_cast<size_t>(p)] = 1.0f;
  return nn::selectKeyframes(torch::tensor(scores), k);
}

DemoEvaluation evaluateDemoModel(const nn::SevilaModel& model, const DemoCorpus& corpus, int keyframes,
                                 int maxVideos) {
  torch::NoGradGuard noGrad;
  nn::Blip2ModelImpl& net = model.network();
  const int t = corpus.gridFrames();
  const int k = std::min(keyframes, t);
  const int videos = maxVideos > 0 ? std::min<int>(maxVideos, static_cast<int>(corpus.videoPaths.size()))
                                   : static_cast<int>(corpus.videoPaths.size());
  std::vector<std::vector<size_t>> byVideo(static_cast<size_t>(videos));
  for (size_t i = 0; i < corpus.questions.size(); ++i)
    if (corpus.questions[i].video < videos)
      byVideo[static_cast<size_t>(corpus.questions[i].video)].push_back(i);

  DemoEvaluation result;
  double relevant = 0;
  for (int v = 0; v < videos; ++v) {
    if (byVideo[static_cast<size_t>(v)].empty()) continue;
    const at::Tensor pixels = corpus.frames[v].to(net.device(), net.dtype());
    const at::Tensor image = net.encodeFrames(pixels);  // (T, N, W), shared by the video's questions
    for (size_t qi : byVideo[static_cast<size_t>(v)]) {
      const CorpusQuestion& q = corpus.questions[qi];
      const QuestionPrompts p = questionPrompts(model, q.item, k);
      DemoScore s;
      s.questions = 1;
      const auto scores = nn::localize(model, image, p.localizerPrefix, p.localizerText, model.options());
      const auto picked = nn::selectKeyframes(scores, k, model.options().ranking);
      for (int64_t f : picked)
        if (std::find(q.keyframes.begin(), q.keyframes.end(), static_cast<int>(f)) != q.keyframes.end())
          ++s.hits;
      s.keyframes = static_cast<int64_t>(picked.size());
      relevant += static_cast<double>(q.keyframes.size()) / t;
      if (q.item.answer) {
        const auto chain =
            nn::answer(model, image, picked, p.answererPrefixes, p.answererText, p.options, model.options());
        const auto perfect = nn::answer(model, image, perfectKeyframes(q.keyframes, t, k), p.answererPrefixes,
                                        p.answererText, p.options, model.options());
        s.chainCorrect = chain.answer == *q.item.answer;
        s.perfectCorrect = perfect.answer == *q.item.answer;
      }
      result.all.add(s);
      result.byType[q.item.type].add(s);
    }
  }
  result.chanceHitRate = result.all.questions ? relevant / result.all.questions : NAN;
  return result;
}

}  // namespace sevila::demo
