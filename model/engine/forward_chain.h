// The forward chain of Figure 2 on one video and one question: sample n frames, run the ViT once per
// frame (or take its output from the feature cache), score every frame with the Localizer, keep the
// top-k as keyframes (time order), answer with the Answerer. Optionally the paper's baselines on the same
// video: BLIP-2 concat (the Answerer on k uniform frames), BLIP-2 voting (the single-frame Answerer on
// every sampled frame, majority) and the oracle (right when any single frame answers right).
// Every stage checks the cancel token and reports progress.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset_item.h"
#include "engine/cancel_token.h"
#include "engine/chain_result.h"
#include "engine/feature_cache.h"
#include "engine/decode_plan.h"
#include "engine/question_engine.h"
#include "media/frame_preprocess.h"
#include "media/frame_sampler.h"
#include "nn/sevila_options.h"
#include "nn/sevila_prompts.h"

namespace sevila::nn {
class SevilaModel;
}
namespace sevila::media {
class FrameSource;
}

namespace sevila::engine {

struct Question {
  std::string qid;
  std::string dataset;
  std::string type;
  std::string question;
  std::vector<std::string> options;
  std::optional<int> answer;              // ground truth, when known
  std::optional<media::ClipWindow> clip;  // seconds
  nn::PromptFamily family = nn::PromptFamily::MultipleChoice;
};

// The question of a dataset item with its prompt family: the one place that turns an annotation into
// what the chain reads (the CLI's answer, run, refine and finetune, and the studio's runs).
Question questionFor(const data::DatasetItem& item);
// The question a stored or fresh result was answered with (its family included): for re-answers and
// baselines of that result.
Question questionFor(const ChainResult& result);

enum class ChainMode { Sevila, Concat, Voting };
ChainMode parseChainMode(const std::string& text);  // "sevila" | "concat" | "voting"
std::string chainModeName(ChainMode mode);

struct ChainOptions {
  int frames = 32;    // n
  int keyframes = 4;  // k
  nn::KeyframeRanking ranking = nn::KeyframeRanking::YesLogit;
  ChainMode mode = ChainMode::Sevila;
  bool baselines = false;  // also concat, voting and oracle
  // The single-frame Answerer on every sampled frame (frameAnswers: the studio's oracle strip), with
  // voting and the oracle that follow from it; implied by `baselines`.
  bool frameAnswers = false;
  int batch = 32;  // frames per ViT call
  media::Interpolation interpolation = media::Interpolation::Bilinear;
};

class SevilaEngine : public QuestionEngine {
public:
  // `cache` may be null. The engine shares the model; it is safe to use one engine from one thread at a
  // time (create one per worker thread for parallel runs).
  SevilaEngine(std::shared_ptr<const nn::SevilaModel> model, std::shared_ptr<FeatureCache> cache);
  ~SevilaEngine() override;

  ChainResult run(const std::string& videoPath, const Question& question, const ChainOptions& options,
                  const CancelToken* cancel = nullptr, const ProgressFn& progress = {}) override;
  // The same on frames from any source (pictures uploaded to a server): result.video is its name.
  ChainResult run(media::FrameSource& frames, const Question& question, const ChainOptions& options,
                  const CancelToken* cancel = nullptr, const ProgressFn& progress = {});

  // Several questions on one video, answered together (nn/question_group.h): questions that sample the
  // same frames share the ViT output, one Localizer pass and one Answerer pass. Each gets the result it
  // gets alone (up to float rounding); results come in the questions' order. A stage's time shared by
  // k questions counts 1/k in each result's stageSeconds. Any failure fails the whole group.
  std::vector<ChainResult> runGroup(const std::string& videoPath, const std::vector<Question>& questions,
                                    const ChainOptions& options, const CancelToken* cancel = nullptr,
                                    const ProgressFn& progress = {}) override;
  std::vector<ChainResult> runGroup(media::FrameSource& frames, const std::vector<Question>& questions,
                                    const ChainOptions& options, const CancelToken* cancel = nullptr,
                                    const ProgressFn& progress = {});

  // Decoding ahead (engine/frame_prefetch.h): a plan, safe to run on any thread, naming the frames a
  // runGroup of these questions will decode (their sampled grids less the frames whose ViT output the
  // feature cache holds) and their format. Hand runGroup the DecodedFrames it yields.
  DecodePlanFn decodePlan(const std::vector<Question>& questions, const ChainOptions& options);

  // The paper's baselines for a finished run, on demand: the single-frame Answerer on each of the run's
  // sampled frames (frameAnswers, voting, and the oracle when the ground truth is known) and concat on k
  // uniform frames. The run's frames come from the feature cache when they were encoded before.
  void addBaselines(ChainResult& result, const Question& question, const ChainOptions& options,
                    const CancelToken* cancel = nullptr, const ProgressFn& progress = {}) override;

  // The Answerer on user-chosen frames (absolute frame indices, any order): "what if" with human
  // keyframes. The ViT output comes from the cache when the frames were seen before.
  OptionScores answerWithFrames(const std::string& videoPath, std::vector<int64_t> frameIndices,
                                const Question& question, const ChainOptions& options,
                                const CancelToken* cancel = nullptr) override;
  OptionScores answerWithFrames(media::FrameSource& frames, std::vector<int64_t> frameIndices,
                                const Question& question, const ChainOptions& options,
                                const CancelToken* cancel = nullptr);

  int64_t framesEncoded() const;  // ViT calls' frames so far (the rest came from the cache)
  int64_t framesFromCache() const;
  const nn::SevilaModel& model() const { return *m_model; }

private:
  std::vector<ChainResult> answerTogether(media::FrameSource& frames, const std::vector<Question>& questions,
                                          const ChainOptions& options, const CancelToken* cancel,
                                          const ProgressFn& progress);

  struct Impl;
  std::shared_ptr<const nn::SevilaModel> m_model;
  std::unique_ptr<Impl> d;
};

}  // namespace sevila::engine
