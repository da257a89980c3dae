#include "train/training_run.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>

#include <torch/torch.h>

#include "data/keyframe_labels.h"
#include "media/frame_sampler.h"
#include "nn/answerer.h"
#include "nn/answerer_loss.h"
#include "core/error.h"
#include "nn/localizer.h"
#include "nn/localizer_loss.h"
#include "nn/sevila_model.h"
#include "train/distributed.h"
#include "train/frame_features.h"
#include "engine/forward_chain.h"
#include "train/training_checkpoint.h"

namespace sevila::train {
namespace {

using Clock = std::chrono::steady_clock;

// One question ready to train: its video's facts, uniform grid and prompt ids.
struct Prepared {
  const TrainingExample* example = nullptr;
  VideoFacts facts;
  std::vector<int64_t> grid;
  std::optional<media::ClipWindow> clip;
  std::vector<int64_t> locPrefix, locText;             // Localizer prompt
  std::vector<int64_t> framePrefix, qaText;            // single-frame Answerer prompt (reverse chain)
  std::vector<std::vector<int64_t>> keyframePrefixes;  // Answerer prompt with k frames (same text)
};

// A reproducible stream per (seed, epoch, question): the frames drawn do not depend on the rank or on
// where a resumed run started.
std::mt19937_64 streamFor(uint64_t seed, int epoch, size_t question) {
  std::seed_seq seq{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                    static_cast<uint32_t>(epoch), static_cast<uint32_t>(question), 0x5e7111au};
  return std::mt19937_64(seq);
}

// Fisher-Yates with our own draws, so the order is the same on every standard library.
std::vector<size_t> shuffled(size_t n, uint64_t seed, int epoch) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  auto rng = streamFor(seed, epoch, static_cast<size_t>(-1));
  for (size_t i = n; i > 1; --i) {
    const size_t j = static_cast<size_t>(rng() % i);
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

class Run {
public:
  Run(std::shared_ptr<const nn::SevilaModel> model, const MergedLabels& labels, FrameFeatures& features,
      const TrainingRunOptions& options, ProcessGroup* group, const engine::CancelToken* cancel,
      const std::function<void(const TrainingProgress&)>& progress)
      : m_model(std::move(model)),
        m_labels(labels),
        m_features(features),
        m_options(options),
        m_group(group),
        m_cancel(cancel),
        m_progress(progress) {}

  TrainingRunResult run();

private:
  int rank() const { return m_group ? m_group->rank() : 0; }
  int world() const { return m_group ? m_group->size() : 1; }
  bool localizer() const { return m_options.train.role == TrainRole::Localizer; }
  void report(TrainingProgress p) const {
    if (m_progress && rank() == 0) m_progress(p);
  }
  void prepare();
  void labelPass(TrainingRunResult& result);
  std::vector<int64_t> pseudoLabels(const Prepared& q, const at::Tensor& imageTokens) const;
  std::vector<int64_t> frameLabels(const Prepared& q, const std::vector<int64_t>& frames,
                                   const at::Tensor& imageTokens) const;
  TrainingSample sample(const Prepared& q, size_t index, int epoch);
  bool stopRequested() const;

  std::shared_ptr<const nn::SevilaModel> m_model;
  const MergedLabels& m_labels;
  FrameFeatures& m_features;
  TrainingRunOptions m_options;
  ProcessGroup* m_group;
  const engine::CancelToken* m_cancel;
  std::function<void(const TrainingProgress&)> m_progress;
  std::vector<Prepared> m_questions;
  int64_t m_optionToken = -1;
  int64_t m_framesTrained = 0;
};

void Run::prepare() {
  const nn::T5Tokenizer& tokenizer = m_model->tokenizer();
  const auto& sevila = m_model->options();
  m_optionToken = nn::optionTokenId(tokenizer);
  for (size_t i = 0; i < m_labels.examples.size(); ++i) {
    if (m_cancel) m_cancel->throwIfCancelled();
    const TrainingExample& example = m_labels.examples[i];
    const data::DatasetItem& item = example.item;
    Prepared q;
    q.example = &example;
    q.facts = m_features.facts(example.videoPath);
    if (item.clip) q.clip = media::ClipWindow{item.clip->start, item.clip->end};
    q.grid = media::sampleFrameIndices(q.facts.frameCount, m_options.frames, q.facts.fps, q.clip);
    requireSameGrid(example, q.grid);
    const engine::Question question = engine::questionFor(item);  // the item's prompt family and text
    const auto loc = nn::localizerPromptIds(tokenizer, question.family, question.question, question.options,
                                            sevila.maxTextTokens);
    q.locPrefix = loc.framePrefix;
    q.locText = loc.text;
    if (!item.options.empty()) {
      const int k = std::min<int>(m_options.keyframes, static_cast<int>(q.grid.size()));
      const auto qa = nn::answererPromptIds(tokenizer, question.family, question.question, question.options,
                                            k, sevila.maxTextTokens);
      q.framePrefix = qa.framePrefix;
      q.qaText = qa.text;
      q.keyframePrefixes = qa.keyframePrefixes;
    }
    if (!localizer() && (item.options.empty() || !item.answer))
      throw Error(item.dataset + " " + item.qid,
                  "fine-tuning the Answerer needs options and a ground-truth answer");
    if (item.answer && (*item.answer < 0 || *item.answer >= static_cast<int>(item.options.size())))
      throw Error(item.dataset + " " + item.qid, "the ground truth lies outside its options");
    m_questions.push_back(std::move(q));
    report(TrainingProgress{"preparing", 0, m_options.train.schedule.maxEpochs, static_cast<int64_t>(i + 1),
                            static_cast<int64_t>(m_labels.examples.size())});
  }
}

std::vector<int64_t> Run::pseudoLabels(const Prepared& q, const at::Tensor& imageTokens) const {
  torch::NoGradGuard noGrad;
  const auto& item = q.example->item;
  const auto tokens = m_model->network().visualTokens(imageTokens, nn::Role::Answerer);  // (T, Q, D)
  const int options = static_cast<int>(item.options.size());
  const nn::FrameAnswers answers =
      m_options.pseudo == PseudoLabelMode::TeacherForced
          ? nn::answerEachFrameTeacherForced(*m_model, tokens, q.framePrefix, q.qaText, options,
                                             m_optionToken, m_model->options())
          : nn::answerEachFrameFromTokens(*m_model, tokens, q.framePrefix, q.qaText, options,
                                          m_model->options());
  return nn::pseudoLabels(answers, *item.answer);
}

std::vector<int64_t> Run::frameLabels(const Prepared& q, const std::vector<int64_t>& frames,
                                      const at::Tensor& imageTokens) const {
  const TrainingExample& example = *q.example;
  switch (example.source) {
    case LabelSource::Human:
      return example.gridLabels;  // by interval: position p labels interval p
    case LabelSource::Windows: {
      std::vector<int64_t> labels;
      for (const int64_t f : frames)
        labels.push_back(
            data::insideAnyWindow(static_cast<double>(f) / q.facts.fps, example.item.relevantWindows));
      return labels;
    }
    case LabelSource::ReverseChain:
      return pseudoLabels(q, imageTokens);
  }
  return {};
}

void Run::labelPass(TrainingRunResult& result) {
  LabelCounts& counts = result.counts;
  counts = m_labels.counts;
  if (!localizer()) return;
  // Eval mode: the counts and the agreement do not depend on dropout's draws.
  nn::Blip2ModelImpl& net = m_model->network();
  const bool training = net.is_training();
  net.eval();
  data::BinaryAgreement agreement;
  SourceCounts perSource[3];
  for (size_t i = static_cast<size_t>(rank()); i < m_questions.size(); i += static_cast<size_t>(world())) {
    if (m_cancel) m_cancel->throwIfCancelled();
    const Prepared& q = m_questions[i];
    const auto& item = q.example->item;
    const at::Tensor image = m_features.forFrames(q.example->videoPath, q.grid, m_cancel);
    const auto labels = frameLabels(q, q.grid, image);
    SourceCounts& c = perSource[static_cast<int>(q.example->source)];
    c.frames += static_cast<int64_t>(labels.size());
    for (const int64_t y : labels) c.yes += y;
    if (q.example->source == LabelSource::Human && item.answer && !item.options.empty())
      agreement.add(pseudoLabels(q, image), labels);
    report(TrainingProgress{"labels", 0, m_options.train.schedule.maxEpochs, static_cast<int64_t>(i + 1),
                            static_cast<int64_t>(m_questions.size())});
  }
  if (training) net.train();
  net.vision_model->eval();
  std::vector<double> sums;
  for (const auto& c : perSource) {
    sums.push_back(static_cast<double>(c.frames));
    sums.push_back(static_cast<double>(c.yes));
  }
  sums.push_back(static_cast<double>(agreement.truePositive));
  sums.push_back(static_cast<double>(agreement.falsePositive));
  sums.push_back(static_cast<double>(agreement.falseNegative));
  sums.push_back(static_cast<double>(agreement.trueNegative));
  if (m_group)
    for (double& v : sums) v = m_group->allReduceSum(v);
  for (int s = 0; s < 3; ++s) {
    SourceCounts& c = counts.of(static_cast<LabelSource>(s));
    c.frames = static_cast<int64_t>(sums[2 * s]);
    c.yes = static_cast<int64_t>(sums[2 * s + 1]);
  }
  counts.pseudoVsHuman.truePositive = static_cast<int64_t>(sums[6]);
  counts.pseudoVsHuman.falsePositive = static_cast<int64_t>(sums[7]);
  counts.pseudoVsHuman.falseNegative = static_cast<int64_t>(sums[8]);
  counts.pseudoVsHuman.trueNegative = static_cast<int64_t>(sums[9]);
}

TrainingSample Run::sample(const Prepared& q, size_t index, int epoch) {
  std::vector<int64_t> frames = q.grid;
  if (m_options.sampling == FrameSampling::RandomInInterval) {
    auto rng = streamFor(m_options.train.seed, epoch, index);
    frames = media::sampleFrameIndicesRandom(q.facts.frameCount, m_options.frames, q.facts.fps, rng, q.clip);
  }
  const at::Tensor image = m_features.forFrames(q.example->videoPath, frames, m_cancel);  // (T, N, W)
  const auto& sevila = m_model->options();
  TrainingSample s;
  if (localizer()) {
    s.imageTokens = image;
    s.prefixes = {q.locPrefix};
    s.text = q.locText;
    s.targets = nn::localizerLabels(frameLabels(q, frames, image), sevila);  // (T, 2)
    m_framesTrained += image.size(0);
    return s;
  }
  // The frozen Localizer picks the keyframes (in whatever mode the network is, as the reference).
  std::vector<int64_t> keyframes;
  {
    torch::NoGradGuard noGrad;
    const auto scores = nn::localize(*m_model, image, q.locPrefix, q.locText, sevila);
    keyframes = nn::selectKeyframes(
        scores, std::min<int>(m_options.keyframes, static_cast<int>(frames.size())), sevila.ranking);
  }
  const auto index_ = torch::tensor(keyframes, torch::dtype(at::kLong)).to(image.device());
  s.imageTokens = image.index_select(0, index_);  // (k, N, W)
  s.prefixes = q.keyframePrefixes;
  s.prefixes.resize(keyframes.size());
  s.text = q.qaText;
  const auto& item = q.example->item;
  s.targets = torch::tensor(
      nn::answererTargets(*item.answer, static_cast<int>(item.options.size()), m_optionToken, sevila),
      torch::dtype(at::kLong));  // (3)
  m_framesTrained += s.imageTokens.size(0);
  return s;
}

bool Run::stopRequested() const {
  double stop = (m_cancel && m_cancel->cancelled()) ? 1.0 : 0.0;
  if (m_group) stop = m_group->allReduceSum(stop);
  return stop > 0;
}

TrainingRunResult Run::run() {
  namespace fs = std::filesystem;
  TrainingRunResult result;
  const auto& train = m_options.train;
  const int epochs = train.schedule.maxEpochs;
  result.options = trainingOptionsJson(m_options, world());
  if (m_options.outputDir.empty()) throw Error("training", "no output folder", "pass --out");

  std::optional<TrainingState> previous = readTrainingState(m_options.outputDir);
  if (previous && !m_options.resume)
    throw Error(m_options.outputDir, "holds a training run already (training_state.json)",
                "pass --resume to continue it, or choose another --out; nothing was overwritten");
  if (!previous && m_options.resume)
    throw Error(m_options.outputDir, "has no training run to resume (no training_state.json)",
                "start without --resume");
  if (previous && previous->options != result.options)
    throw Error(
        m_options.outputDir,
        "was trained with other settings: " + previous->options.dump() + ", now " + result.options.dump(),
        "resume with the same settings, or start a new run in another folder");

  Trainer trainer(m_model, train, m_group);
  report(TrainingProgress{"preparing", 0, epochs});
  prepare();
  labelPass(result);

  TrainingState state;
  state.options = result.options;
  if (previous) {
    restoreTrainer(m_options.outputDir, trainer);
    state = *previous;
    result.history = previous->history;
    result.epochsCompleted = previous->epochsCompleted;
    result.checkpoint = checkpointPath(m_options.outputDir);
  }
  nlohmann::json config = m_options.provenance;
  config["training"] = result.options;
  config["labels"] = result.counts.toJson();

  auto save = [&]() {
    report(TrainingProgress{"saving", state.epoch, epochs, state.iteration, 0, state.step});
    if (rank() == 0) {
      config["epochs_completed"] = state.epochsCompleted;
      saveTrainingCheckpoint(m_options.outputDir, trainer, state, config);
    }
    if (m_group) m_group->barrier();
    result.checkpoint = checkpointPath(m_options.outputDir);
  };

  const size_t n = m_questions.size();
  const size_t perRank = static_cast<size_t>(train.batchSize);
  const size_t global = perRank * static_cast<size_t>(world());
  const int64_t iterations = static_cast<int64_t>((n + global - 1) / global);
  const int64_t totalSteps = iterations * epochs;
  const auto started = Clock::now();
  const int64_t firstStep = state.step;
  auto finish = [&]() {
    trainer.finish();
    result.history = state.history;
    result.epochsCompleted = state.epochsCompleted;
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    result.framesEncoded = m_features.framesEncoded();
    result.framesFromCache = m_features.framesFromCache();
    result.framesTrained = m_framesTrained;
    return result;
  };
  for (int epoch = state.epoch; epoch < epochs; ++epoch) {
    const auto order = shuffled(n, train.seed, epoch);
    for (int64_t it = (epoch == state.epoch ? state.iteration : 0); it < iterations; ++it) {
      if (stopRequested()) {
        state.epoch = epoch;
        state.iteration = it;
        save();
        result.interrupted = true;
        return finish();
      }
      std::vector<TrainingSample> samples;
      const size_t begin = static_cast<size_t>(it) * global + static_cast<size_t>(rank()) * perRank;
      for (size_t j = begin; j < std::min(begin + perRank, n); ++j)
        samples.push_back(sample(m_questions[order[j]], order[j], epoch));
      StepRecord record;
      try {
        record = trainer.iterate(samples, epoch, it, state.step);
      } catch (const NonFiniteLoss& e) {
        throw Error(
            m_options.outputDir,
            std::string(e.what()) + "; training stopped" +
                (result.checkpoint.empty() ? std::string(" before any checkpoint was written")
                                           : "; the last good checkpoint is " + result.checkpoint +
                                                 " (epoch " + std::to_string(state.epochsCompleted) + ")"),
            "lower the learning rate (--lr) or check the labels");
      }
      state.history.push_back(record);
      ++state.step;
      const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
      const double done = static_cast<double>(state.step - firstStep);
      report(TrainingProgress{
          "training", epoch, epochs, it + 1, iterations, state.step, totalSteps, record.loss, record.lr,
          elapsed, done > 0 ? elapsed / done * static_cast<double>(totalSteps - state.step) : 0.0});
    }
    state.epoch = epoch + 1;
    state.iteration = 0;
    state.epochsCompleted = epoch + 1;
    save();
  }
  return finish();
}

}  // namespace

TrainingRunOptions referenceRecipe(TrainRole role) {
  TrainingRunOptions o;
  o.train.role = role;
  if (role == TrainRole::Answerer) {
    o.train.batchSize = 8;
    o.train.accumulation = 2;
  }
  return o;
}

FrameSampling parseFrameSampling(const std::string& text) {
  if (text == "random") return FrameSampling::RandomInInterval;
  if (text == "uniform") return FrameSampling::Uniform;
  throw Error("--sampling", "expected random or uniform, got \"" + text + "\"");
}

PseudoLabelMode parsePseudoLabelMode(const std::string& text) {
  if (text == "teacher-forced") return PseudoLabelMode::TeacherForced;
  if (text == "greedy") return PseudoLabelMode::Greedy;
  throw Error("--pseudo-labels", "expected teacher-forced or greedy, got \"" + text + "\"");
}

nlohmann::json trainingOptionsJson(const TrainingRunOptions& o, int worldSize) {
  const auto& t = o.train;
  return {{"role", trainRoleName(t.role)},
          {"epochs", t.schedule.maxEpochs},
          {"init_lr", t.schedule.initLr},
          {"min_lr", t.schedule.minLr},
          {"warmup_lr", t.schedule.warmupLr},
          {"warmup_steps", t.schedule.warmupSteps},
          {"batch_size", t.batchSize},
          {"accum_grad_iters", t.accumulation},
          {"weight_decay", t.weightDecay},
          {"betas", {t.beta1, t.beta2}},
          {"eps", t.eps},
          {"seed", t.seed},
          {"dropout", t.dropout},
          {"bf16_autocast_on_cuda", t.bf16Autocast},
          {"frames", o.frames},
          {"keyframes", o.keyframes},
          {"sampling", o.sampling == FrameSampling::RandomInInterval ? "random" : "uniform"},
          {"pseudo_labels", o.pseudo == PseudoLabelMode::TeacherForced ? "teacher-forced" : "greedy"},
          {"world_size", worldSize}};
}

TrainingRunResult runTraining(std::shared_ptr<const nn::SevilaModel> model, const MergedLabels& labels,
                              FrameFeatures& features, const TrainingRunOptions& options, ProcessGroup* group,
                              const engine::CancelToken* cancel,
                              const std::function<void(const TrainingProgress&)>& progress) {
  return Run(std::move(model), labels, features, options, group, cancel, progress).run();
}

}  // namespace sevila::train
