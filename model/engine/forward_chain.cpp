#include "engine/forward_chain.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>

#include <c10/util/Exception.h>
#include <torch/torch.h>

#include "engine/vision_features.h"
#include "media/frame_reader.h"
#include "nn/answerer.h"
#include "nn/device.h"
#include "nn/device_fallback.h"
#include "nn/localizer.h"
#include "nn/pass_graphs.h"
#include "nn/question_group.h"
#include "nn/sevila_model.h"

namespace sevila::engine {

Question questionFor(const data::DatasetItem& item) {
  Question q;
  q.qid = item.qid;
  q.dataset = item.dataset;
  q.type = item.type;
  const auto kind = item.kind();
  q.question = kind == data::DatasetKind::QvHighlights ? item.query : item.question;
  q.options = item.options;
  q.answer = item.answer;
  if (item.clip) q.clip = media::ClipWindow{item.clip->start, item.clip->end};
  q.family = kind ? promptFamilyFor(*kind) : nn::PromptFamily::MultipleChoice;
  return q;
}

Question questionFor(const ChainResult& result) {
  Question q;
  q.qid = result.qid;
  q.dataset = result.dataset;
  q.type = result.questionType;
  q.question = result.question;
  q.options = result.options;
  q.answer = result.groundTruth;
  q.family = result.family;
  return q;
}

namespace {
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<double> toVector(const at::Tensor& t) {
  const at::Tensor c = t.to(torch::kCPU, torch::kDouble).contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

OptionScores scoresOf(const nn::Answer& a) {
  return OptionScores{toVector(a.letterLogits), toVector(a.letterProbs), a.answer};
}

// Out of memory on the model's device becomes an error that says what ran out and what to change; the
// dataset runner then answers a failed group's questions one at a time.
template <typename Fn>
auto explainingOutOfMemory(const nn::SevilaModel& model, const std::string& what, Fn&& fn) {
  try {
    return fn();
  } catch (const c10::OutOfMemoryError& e) {
    throw Error(model.network().device().str(),
                "out of memory " + what + " (" + nn::outOfMemoryReason(e) + ")",
                "answer fewer questions at once (a smaller group), encode fewer frames per vision call (a "
                "smaller batch) or load the weights in bf16");
  }
}

// The frames a question samples: n' = min(n, frame count) over its clip, or the whole video.
std::vector<int64_t> sampledGrid(const media::VideoInfo& info, const Question& question,
                                 const ChainOptions& options) {
  auto grid = media::sampleFrameIndices(info.frameCount, options.frames, info.fps, question.clip);
  if (grid.empty()) throw Error(info.path, "no frames to sample");
  return grid;
}

void checkQuestion(const Question& q) {
  if (q.family == nn::PromptFamily::QvHighlights) return;
  const int n = static_cast<int>(q.options.size());
  if (n < 2 || n > 5) throw Error("question", "needs 2 to 5 options, got " + std::to_string(n));
  if (q.answer && (*q.answer < 0 || *q.answer >= n))
    throw Error("question", "ground truth " + std::to_string(*q.answer) + " is not an option index");
}
}  // namespace

ChainMode parseChainMode(const std::string& text) {
  if (text == "sevila") return ChainMode::Sevila;
  if (text == "concat") return ChainMode::Concat;
  if (text == "voting") return ChainMode::Voting;
  throw Error("--mode " + text, "unknown mode", "use sevila, concat or voting");
}

std::string chainModeName(ChainMode mode) {
  switch (mode) {
    case ChainMode::Sevila:
      return "sevila";
    case ChainMode::Concat:
      return "concat";
    case ChainMode::Voting:
      return "voting";
  }
  return "sevila";
}

struct SevilaEngine::Impl {
  std::shared_ptr<FeatureCache> cache;
  std::unique_ptr<VisionFeatures> bilinear;
  std::unique_ptr<VisionFeatures> bicubic;

  VisionFeatures& vision(const nn::SevilaModel& model, media::Interpolation interpolation) {
    auto& slot = interpolation == media::Interpolation::Bilinear ? bilinear : bicubic;
    if (!slot)
      slot = std::make_unique<VisionFeatures>(nn::Blip2Model(model.networkPtr()), cache, interpolation);
    return *slot;
  }

  // BLIP-2 concat: the Answerer on k uniformly sampled frames.
  OptionScores concatAnswer(const nn::SevilaModel& model, media::FrameSource& reader, VisionFeatures& vision,
                            const Question& question, const ChainOptions& options,
                            const nn::SevilaOptions& sevilaOptions, int k, const CancelToken* cancel) {
    const auto& info = reader.info();
    const auto uniform = media::sampleFrameIndices(info.frameCount, k, info.fps, question.clip);
    const at::Tensor tokens = vision.forFrames(reader, uniform, options.batch, cancel);
    std::vector<int64_t> all(uniform.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int64_t>(i);
    return scoresOf(
        nn::answer(model, tokens, all, question.family, question.question, question.options, sevilaOptions));
  }

  // The single-frame Answerer on every sampled frame (the oracle strip), its majority vote, the oracle
  // and, with options.baselines, concat. In voting mode the vote is the answer.
  void fillBaselines(ChainResult& r, const nn::SevilaModel& model, media::FrameSource& reader,
                     VisionFeatures& vision, const at::Tensor& imageTokens, const Question& question,
                     const ChainOptions& options, const nn::SevilaOptions& sevilaOptions, int k,
                     const CancelToken* cancel) {
    if (r.frameAnswers.size() != r.frames.size() || !r.voting) {  // not yet answered with the run
      const nn::FrameAnswers each = nn::answerEachFrame(model, imageTokens, question.family,
                                                        question.question, question.options, sevilaOptions);
      if (cancel) cancel->throwIfCancelled();
      r.frameAnswers = each.answers;
      r.voting = nn::majorityVote(each);
    }
    if (question.answer)
      r.oracle =
          std::find(r.frameAnswers.begin(), r.frameAnswers.end(), *question.answer) != r.frameAnswers.end();
    if (options.mode == ChainMode::Voting) {
      // The vote's "probabilities" are the share of frames choosing each option.
      const int n = static_cast<int>(question.options.size());
      std::vector<double> share(n, 0.0);
      for (int a : r.frameAnswers)
        if (a >= 0 && a < n) share[a] += 1.0 / static_cast<double>(r.frameAnswers.size());
      r.answer = OptionScores{share, share, *r.voting};
    }
    if (options.baselines && options.mode != ChainMode::Concat)
      r.concat = concatAnswer(model, reader, vision, question, options, sevilaOptions, k, cancel);
    if (options.baselines && options.mode == ChainMode::Concat) r.concat = r.answer;
  }
};

SevilaEngine::SevilaEngine(std::shared_ptr<const nn::SevilaModel> model, std::shared_ptr<FeatureCache> cache)
    : m_model(std::move(model)), d(std::make_unique<Impl>()) {
  if (!m_model) throw Error("engine", "no model");
  d->cache = std::move(cache);
}

SevilaEngine::~SevilaEngine() = default;

int64_t SevilaEngine::framesEncoded() const {
  int64_t n = 0;
  for (auto* v : {d->bilinear.get(), d->bicubic.get()})
    if (v) n += v->stats().encoded;
  return n;
}

int64_t SevilaEngine::framesFromCache() const {
  int64_t n = 0;
  for (auto* v : {d->bilinear.get(), d->bicubic.get()})
    if (v) n += v->stats().cached;
  return n;
}

ChainResult SevilaEngine::run(const std::string& videoPath, const Question& question,
                              const ChainOptions& options, const CancelToken* cancel,
                              const ProgressFn& progress) {
  return runGroup(videoPath, {question}, options, cancel, progress).front();
}

ChainResult SevilaEngine::run(media::FrameSource& reader, const Question& question,
                              const ChainOptions& options, const CancelToken* cancel,
                              const ProgressFn& progress) {
  return runGroup(reader, {question}, options, cancel, progress).front();
}

DecodePlanFn SevilaEngine::decodePlan(const std::vector<Question>& questions, const ChainOptions& options) {
  // Everything the plan reads is taken here, on the engine's thread; the cache is safe on any thread.
  const VisionFeatures& vision = d->vision(*m_model, options.interpolation);
  const media::FrameFormat format = vision.frameFormat();
  const std::shared_ptr<FeatureCache> cache = vision.cache();
  const FeatureKey pattern = vision.keyFor("", 0);  // video and frame filled in per frame
  return [questions, options, format, cache, pattern](const media::FrameSource& video) {
    DecodePlan plan{{}, format};
    for (const Question& q : questions) {
      const auto grid = sampledGrid(video.info(), q, options);
      plan.frames.insert(plan.frames.end(), grid.begin(), grid.end());
    }
    std::sort(plan.frames.begin(), plan.frames.end());
    plan.frames.erase(std::unique(plan.frames.begin(), plan.frames.end()), plan.frames.end());
    if (cache) {
      FeatureKey key = pattern;
      key.video = video.index().contentKey;
      plan.frames.erase(std::remove_if(plan.frames.begin(), plan.frames.end(),
                                       [&](int64_t frame) {
                                         key.frameIndex = frame;
                                         return cache->contains(key);
                                       }),
                        plan.frames.end());
    }
    return plan;
  };
}

std::vector<ChainResult> SevilaEngine::runGroup(const std::string& videoPath,
                                                const std::vector<Question>& questions,
                                                const ChainOptions& options, const CancelToken* cancel,
                                                const ProgressFn& progress) {
  for (const Question& q : questions) checkQuestion(q);
  if (questions.empty()) return {};
  if (progress) progress(0.0, "decoding frames");
  media::FrameReader reader(videoPath);
  auto results = runGroup(reader, questions, options, cancel, progress);
  for (ChainResult& r : results) r.video = videoPath;
  return results;
}

std::vector<ChainResult> SevilaEngine::runGroup(media::FrameSource& reader,
                                                const std::vector<Question>& questions,
                                                const ChainOptions& options, const CancelToken* cancel,
                                                const ProgressFn& progress) {
  const std::string what = "answering " + std::to_string(questions.size()) + " question" +
                           (questions.size() == 1 ? "" : "s") + " on " + reader.info().path;
  return explainingOutOfMemory(*m_model, what,
                               [&] { return answerTogether(reader, questions, options, cancel, progress); });
}

std::vector<ChainResult> SevilaEngine::answerTogether(media::FrameSource& reader,
                                                      const std::vector<Question>& questions,
                                                      const ChainOptions& options, const CancelToken* cancel,
                                                      const ProgressFn& progress) {
  torch::NoGradGuard noGrad;
  for (const Question& q : questions) checkQuestion(q);
  if (questions.empty()) return {};
  if (options.frames < 1 || options.keyframes < 1)
    throw Error("options", "frames and keyframes must be >= 1");
  const nn::SevilaModel& model = *m_model;
  nn::SevilaOptions sevilaOptions = model.options();
  sevilaOptions.frames = options.frames;
  sevilaOptions.keyframes = options.keyframes;
  sevilaOptions.ranking = options.ranking;
  const auto& info = reader.info();

  std::vector<ChainResult> results(questions.size());
  // Questions that sample the same frames (the same clip, or none) share the ViT output and the passes.
  std::map<std::vector<int64_t>, std::vector<size_t>> byGrid;
  std::vector<const std::vector<int64_t>*> gridOrder;
  for (size_t i = 0; i < questions.size(); ++i) {
    const Question& question = questions[i];
    ChainResult& r = results[i];
    r.qid = question.qid;
    r.dataset = question.dataset;
    r.family = question.family;
    r.questionType = question.type;
    r.video = info.path;
    r.question = question.question;
    r.options = question.options;
    r.groundTruth = question.answer;
    r.mode = chainModeName(options.mode);
    r.checkpoint = model.checkpoint();
    r.device = model.network().device().str();
    r.precision = model.network().precisionName();
    r.frameCount = info.frameCount;
    r.fps = info.fps;
    r.duration = info.duration;
    r.warnings = reader.warnings();
    auto [it, added] = byGrid.try_emplace(sampledGrid(info, question, options));
    if (added) gridOrder.push_back(&it->first);
    it->second.push_back(i);
  }

  const double groups = static_cast<double>(gridOrder.size());
  double done = 0;  // groups finished
  for (const std::vector<int64_t>* grid : gridOrder) {
    const std::vector<size_t>& members = byGrid.at(*grid);
    const double share = 1.0 / static_cast<double>(members.size());  // of a stage's time, per question
    auto report = [&](double fraction, const std::string& stage) {
      if (progress) progress((done + fraction) / groups, stage);
      if (cancel) cancel->throwIfCancelled();
    };
    auto forEach = [&](const std::function<void(ChainResult&, const Question&)>& fn) {
      for (size_t i : members) fn(results[i], questions[i]);
    };

    // Decode: the sampled grid (n' = min(n, frame count)) and the ViT output of its frames.
    report(0.0, "decoding frames");
    auto start = Clock::now();
    const auto& seconds = reader.index().seconds;
    VisionFeatures& vision = d->vision(model, options.interpolation);
    const int64_t notStoredBefore = vision.stats().notStored;
    const at::Tensor imageTokens = vision.forFrames(reader, *grid, options.batch, cancel, [&](double f) {
      if (progress) progress((done + 0.05 + 0.55 * f) / groups, "vision encoder");
    });  // (T, N, W)
    const int64_t lost = vision.stats().notStored - notStoredBefore;
    const double visionSeconds = since(start);
    forEach([&](ChainResult& r, const Question&) {
      if (lost > 0)
        r.warnings.push_back("the feature cache could not keep " + std::to_string(lost) +
                             " frames' features (answered all the same): " + vision.stats().storeError);
      r.stageSeconds["vision"] = visionSeconds * share;
      for (int64_t index : *grid)
        r.frames.push_back(FrameScore{index, seconds.at(static_cast<size_t>(index)), 0, 0, 0});
    });

    const int k = std::min<int>(options.keyframes, static_cast<int>(grid->size()));
    {
      // The Localizer runs in every mode: its scores are what the studio's timeline shows.
      report(0.6, "localizer");
      start = Clock::now();
      std::vector<nn::LocalizerPromptIds> prompts;
      forEach([&](ChainResult&, const Question& q) {
        prompts.push_back(nn::localizerPromptIds(model.tokenizer(), q.family, q.question, q.options,
                                                 sevilaOptions.maxTextTokens));
      });
      const auto scores = nn::localizeGroup(model, imageTokens, prompts, sevilaOptions);
      const double localizerSeconds = since(start);
      size_t next = 0;
      forEach([&](ChainResult& r, const Question&) {
        const nn::LocalizerScores& s = scores[next++];
        const auto logit = toVector(s.yesLogit), prob = toVector(s.yesProb), pair = toVector(s.yesNoProb);
        for (size_t f = 0; f < r.frames.size(); ++f) {
          r.frames[f].yesLogit = logit[f];
          r.frames[f].yesProb = prob[f];
          r.frames[f].yesNoProb = pair[f];
        }
        for (int64_t position : nn::selectKeyframes(s, k, options.ranking))
          r.keyframes.push_back(static_cast<int>(position));
        r.stageSeconds["localizer"] = localizerSeconds * share;
      });
    }

    report(0.75, "answerer");
    start = Clock::now();
    std::vector<size_t> answered;  // members with options (moment retrieval has frame scores only)
    for (size_t i : members)
      if (questions[i].family != nn::PromptFamily::QvHighlights) answered.push_back(i);
    if (options.mode == ChainMode::Sevila && !answered.empty()) {
      std::vector<nn::AnswererQuestion> asked;
      for (size_t i : answered) {
        const Question& q = questions[i];
        nn::AnswererQuestion a;
        a.keyframes.assign(results[i].keyframes.begin(), results[i].keyframes.end());
        a.prompt = nn::answererPromptIds(model.tokenizer(), q.family, q.question, q.options,
                                         static_cast<int>(a.keyframes.size()), sevilaOptions.maxTextTokens);
        a.numOptions = static_cast<int>(q.options.size());
        asked.push_back(std::move(a));
      }
      const auto answers = nn::answerGroup(model, imageTokens, asked, sevilaOptions);
      for (size_t j = 0; j < answered.size(); ++j) results[answered[j]].answer = scoresOf(answers[j]);
    } else if (options.mode == ChainMode::Concat) {
      for (size_t i : answered)
        results[i].answer =
            d->concatAnswer(model, reader, vision, questions[i], options, sevilaOptions, k, cancel);
    }
    const double answererSeconds = since(start) / static_cast<double>(std::max<size_t>(answered.size(), 1));
    for (size_t i : answered) results[i].stageSeconds["answerer"] = answererSeconds;

    if (options.mode == ChainMode::Voting || options.baselines || options.frameAnswers) {
      report(0.85, "baselines");
      for (size_t i : answered) {
        start = Clock::now();
        d->fillBaselines(results[i], model, reader, vision, imageTokens, questions[i], options, sevilaOptions,
                         k, cancel);
        results[i].stageSeconds["baselines"] = since(start);
      }
    }
    done += 1;
  }
  if (const nn::PassGraphs* graphs = model.passGraphs(); graphs && !graphs->failure().empty())
    for (ChainResult& r : results)
      r.warnings.push_back("CUDA graphs are off (the passes run eagerly): " + graphs->failure());
  if (progress) progress(1.0, "done");
  if (cancel) cancel->throwIfCancelled();
  return results;
}

void SevilaEngine::addBaselines(ChainResult& r, const Question& question, const ChainOptions& options,
                                const CancelToken* cancel, const ProgressFn& progress) {
  torch::NoGradGuard noGrad;
  checkQuestion(question);
  if (r.frames.empty()) throw Error(r.video, "the run has no sampled frames to compute baselines on");
  if (question.family == nn::PromptFamily::QvHighlights) return;  // moment retrieval has no answers
  if (progress) progress(0.0, "baselines");
  const auto start = Clock::now();
  media::FrameReader reader(r.video);
  std::vector<int64_t> grid;
  for (const FrameScore& f : r.frames) {
    if (f.frameIndex < 0 || f.frameIndex >= reader.info().frameCount)
      throw Error(r.video, "frame " + std::to_string(f.frameIndex) + " of the run is outside the video");
    grid.push_back(f.frameIndex);
  }
  const nn::SevilaModel& model = *m_model;
  nn::SevilaOptions sevilaOptions = model.options();
  sevilaOptions.frames = static_cast<int>(grid.size());
  sevilaOptions.keyframes = options.keyframes;
  sevilaOptions.ranking = options.ranking;
  explainingOutOfMemory(model, "computing the baselines on " + r.video, [&] {
    VisionFeatures& vision = d->vision(model, options.interpolation);
    const at::Tensor imageTokens = vision.forFrames(reader, grid, options.batch, cancel, [&](double f) {
      if (progress) progress(0.5 * f, "vision encoder");
    });
    if (progress) progress(0.5, "baselines");
    ChainOptions baselineOptions = options;
    baselineOptions.baselines = true;
    baselineOptions.mode = ChainMode::Sevila;  // keep the run's own answer
    const int k = std::min<int>(options.keyframes, static_cast<int>(grid.size()));
    d->fillBaselines(r, model, reader, vision, imageTokens, question, baselineOptions, sevilaOptions, k,
                     cancel);
  });
  r.stageSeconds["baselines"] = since(start);
  if (progress) progress(1.0, "done");
}

OptionScores SevilaEngine::answerWithFrames(const std::string& videoPath, std::vector<int64_t> frameIndices,
                                            const Question& question, const ChainOptions& options,
                                            const CancelToken* cancel) {
  checkQuestion(question);  // before opening the file: a bad question costs nothing
  if (frameIndices.empty()) throw Error("keyframes", "choose at least one keyframe");
  media::FrameReader reader(videoPath);
  return answerWithFrames(reader, std::move(frameIndices), question, options, cancel);
}

OptionScores SevilaEngine::answerWithFrames(media::FrameSource& reader, std::vector<int64_t> frameIndices,
                                            const Question& question, const ChainOptions& options,
                                            const CancelToken* cancel) {
  torch::NoGradGuard noGrad;
  checkQuestion(question);
  if (frameIndices.empty()) throw Error("keyframes", "choose at least one keyframe");
  std::sort(frameIndices.begin(), frameIndices.end());  // the Answerer reads keyframes in time order
  for (int64_t f : frameIndices)
    if (f < 0 || f >= reader.info().frameCount)
      throw Error(reader.info().path, "frame " + std::to_string(f) + " is outside the video");
  return explainingOutOfMemory(*m_model, "answering on chosen frames of " + reader.info().path, [&] {
    VisionFeatures& vision = d->vision(*m_model, options.interpolation);
    const at::Tensor tokens = vision.forFrames(reader, frameIndices, options.batch, cancel);
    std::vector<int64_t> all(frameIndices.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int64_t>(i);
    return scoresOf(nn::answer(*m_model, tokens, all, question.family, question.question, question.options,
                               m_model->options()));
  });
}

}  // namespace sevila::engine
