#include "demo_trainer.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

#include <torch/torch.h>

#include "core/error.h"
#include "demo_corpus.h"
#include "demo_evaluation.h"
#include "nn/blip2_model.h"
#include "nn/localizer_loss.h"
#include "nn/sevila_model.h"
#include "question_prompts.h"
#include "train/trainer.h"

namespace sevila::demo {
namespace {

// The Answerer's k frames for one question (see the header), ascending.
std::vector<int64_t> answererFrames(const std::vector<int>& truth, int t, int k, double oracleShare,
                                    std::mt19937_64& rng) {
  std::vector<int> events = truth, others;
  for (int p = 0; p < t; ++p)
    if (std::find(truth.begin(), truth.end(), p) == truth.end()) others.push_back(p);
  std::shuffle(events.begin(), events.end(), rng);
  std::shuffle(others.begin(), others.end(), rng);
  const int most = std::min<int>(k, static_cast<int>(events.size()));
  int take = most;
  if (most > 1 && std::uniform_real_distribution<double>(0, 1)(rng) >= oracleShare)
    take = 1 + static_cast<int>(rng() % static_cast<uint64_t>(std::min(most, k - 1)));
  std::vector<int64_t> frames(events.begin(), events.begin() + take);
  for (size_t i = 0; static_cast<int>(frames.size()) < k && i < others.size(); ++i)
    frames.push_back(others[i]);
  std::sort(frames.begin(), frames.end());
  return frames;
}

// The Localizer's frames for one question (see the header), ascending.
std::vector<int64_t> localizerFrames(const std::vector<int>& truth, const std::vector<int>& hard, int t,
                                     int count, std::mt19937_64& rng) {
  if (count <= 0 || count >= t) {
    std::vector<int64_t> all(static_cast<size_t>(t));
    std::iota(all.begin(), all.end(), 0);
    return all;
  }
  std::vector<char> taken(static_cast<size_t>(t), 0);
  std::vector<int64_t> frames;
  auto take = [&](int p) {
    if (p >= 0 && p < t && !taken[static_cast<size_t>(p)] && static_cast<int>(frames.size()) < count) {
      taken[static_cast<size_t>(p)] = 1;
      frames.push_back(p);
    }
  };
  // A quarter positives (event frames look alike, a few teach as much as all), a quarter the other
  // events (the hardest negatives), half random frames: the top-k must rank every ordinary frame below
  // the event, so ordinary frames must be the common negative. (With all the event frames and the other
  // events first, a DO Localizer learnt "not the other event" and stayed near chance.)
  std::vector<int> positives = truth, others = hard;
  std::shuffle(positives.begin(), positives.end(), rng);
  std::shuffle(others.begin(), others.end(), rng);
  for (size_t i = 0; i < positives.size() && static_cast<int>(frames.size()) < std::max(1, count / 4); ++i)
    take(positives[i]);
  const size_t hardEnd = frames.size() + static_cast<size_t>(count / 4);
  for (int p : others)
    if (frames.size() < hardEnd) take(p);
  std::vector<int> all(static_cast<size_t>(t));
  std::iota(all.begin(), all.end(), 0);
  std::shuffle(all.begin(), all.end(), rng);
  for (int p : all) take(p);
  std::sort(frames.begin(), frames.end());
  return frames;
}

train::TrainOptions roleOptions(train::TrainRole role, const DemoTrainingOptions& o) {
  train::TrainOptions t;
  t.role = role;
  t.trainEverything = true;
  t.dropout = false;  // plenty of generated data; deterministic steps
  t.batchSize = o.videosPerStep;
  t.weightDecay = o.weightDecay;
  t.seed = o.seed;
  t.schedule.initLr = o.lr;
  t.schedule.minLr = o.minLr;
  t.schedule.warmupLr = o.lr * 0.01;
  t.schedule.warmupSteps = o.warmupSteps;
  t.schedule.maxEpochs = std::max(1, (o.steps + o.stepsPerEpoch - 1) / o.stepsPerEpoch);
  return t;
}

}  // namespace

void trainDemoModel(const std::shared_ptr<const nn::SevilaModel>& model, const DemoCorpus& corpus,
                    const DemoTrainingOptions& options, const std::function<bool(const DemoStep&)>& onStep) {
  if (options.steps < 1 || options.videosPerStep < 1 || options.stepsPerEpoch < 1 || options.keyframes < 1)
    throw Error("demo training", "steps, videos per step, steps per epoch and keyframes must be at least 1");
  const int t = corpus.gridFrames();
  const int k = std::min(options.keyframes, t);
  const auto videos = static_cast<int>(corpus.videoPaths.size());
  std::vector<std::vector<size_t>> byVideo(static_cast<size_t>(videos));
  std::vector<QuestionPrompts> prompts;
  for (size_t i = 0; i < corpus.questions.size(); ++i) {
    const CorpusQuestion& q = corpus.questions[i];
    prompts.push_back(questionPrompts(*model, q.item, k));
    if (prompts.back().answererTarget.empty())
      throw Error(q.item.sourceFile, "question " + q.item.qid + " has no ground-truth answer to learn");
    byVideo[static_cast<size_t>(q.video)].push_back(i);
  }

  // One optimizer for both roles: with one per role, each pushed the shared weights a full Adam step its
  // own way, and an already learnt role kept being knocked back.
  train::Trainer trainer(model, roleOptions(train::TrainRole::Localizer, options));
  const auto device = model->network().device();
  std::mt19937_64 rng(options.seed);
  std::vector<int> order(static_cast<size_t>(videos));
  std::iota(order.begin(), order.end(), 0);
  size_t cursor = order.size();
  const auto start = std::chrono::steady_clock::now();

  for (int64_t step = 0; step < options.steps; ++step) {
    std::vector<train::TrainingSample> samples;
    for (int b = 0; b < options.videosPerStep; ++b) {
      if (cursor == order.size()) {
        std::shuffle(order.begin(), order.end(), rng);
        cursor = 0;
      }
      const int v = order[cursor++];
      const auto& questions = byVideo[static_cast<size_t>(v)];
      if (questions.empty()) continue;
      const at::Tensor pixels = corpus.frames[v].to(device);  // (T, 3, S, S)

      std::vector<size_t> locQuestions;
      for (size_t q : questions)
        if (options.localizerTypes.empty() ||
            std::count(options.localizerTypes.begin(), options.localizerTypes.end(),
                       corpus.questions[q].item.type))
          locQuestions.push_back(q);
      if (!locQuestions.empty()) {
        const size_t lq = locQuestions[rng() % locQuestions.size()];
        const auto& truth = corpus.questions[lq].keyframes;
        std::vector<int> hard;
        for (size_t other : questions)
          if (other != lq)
            hard.insert(hard.end(), corpus.questions[other].keyframes.begin(),
                        corpus.questions[other].keyframes.end());
        const auto locFrames = localizerFrames(truth, hard, t, options.localizerFrames, rng);
        std::vector<int64_t> yes;
        for (int64_t f : locFrames)
          yes.push_back(std::find(truth.begin(), truth.end(), static_cast<int>(f)) != truth.end() ? 1 : 0);
        train::TrainingSample loc;
        loc.pixels = pixels.index_select(0, torch::tensor(locFrames, torch::dtype(at::kLong)).to(device));
        loc.prefixes = {prompts[lq].localizerPrefix};
        loc.text = prompts[lq].localizerText;
        loc.targets = nn::localizerLabels(yes, model->options()).to(device);
        samples.push_back(std::move(loc));
      }

      const size_t aq = questions[rng() % questions.size()];
      const auto frames = answererFrames(corpus.questions[aq].keyframes, t, k, options.oracleShare, rng);
      train::TrainingSample ans;
      ans.role = train::TrainRole::Answerer;
      ans.pixels = pixels.index_select(0, torch::tensor(frames, torch::dtype(at::kLong)).to(device));
      ans.prefixes = prompts[aq].answererPrefixes;
      ans.text = prompts[aq].answererText;
      ans.targets = torch::tensor(prompts[aq].answererTarget, torch::dtype(at::kLong));
      samples.push_back(std::move(ans));
    }
    const int epoch = static_cast<int>(step / options.stepsPerEpoch);
    const int64_t iteration = step % options.stepsPerEpoch;
    const auto r = trainer.iterate(samples, epoch, iteration, step);
    DemoStep record;
    record.step = step + 1;
    record.localizerLoss = r.roleLoss[0];
    record.answererLoss = r.roleLoss[1];
    record.lr = r.lr;
    record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (onStep && !onStep(record)) break;
  }
  trainer.finish();
}

}  // namespace sevila::demo
