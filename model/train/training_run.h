// A whole training run over labelled questions (docs/method.md §8.3-8.5): the Localizer's refinement
// (`sevila refine`) or the Answerer's fine-tuning through the frozen Localizer (`sevila finetune`).
//  1. Every question's video is opened and its uniform grid of n frames computed; a human label must
//     lie on that grid.
//  2. A label pass over the uniform grid counts the labels of each source and, where a confirmed human
//     label and a ground truth meet, how far the reverse chain's pseudo-labels agree with the human
//     (eval mode, so the numbers are reproducible).
//  3. Epochs: the questions are shuffled (seed, epoch); each iteration takes batchSize questions per
//     rank, disjoint across ranks; frames are drawn at random inside each interval (or the uniform grid)
//     and labelled on the frames drawn, as the reference does: a human label by interval, a window by
//     the frame's time, the reverse chain by the frozen Answerer on that frame.
//  4. After every epoch rank 0 writes the checkpoint and the state (training_checkpoint.h); a cancel
//     finishes the iteration in flight, saves and returns; a NaN/inf loss stops the run, keeping the
//     last good checkpoint, and says which step.
// The ViT output always comes from FrameFeatures (the feature cache): the ViT runs at most once per frame.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/cancel_token.h"
#include "train/trainer.h"
#include "train/training_labels.h"

namespace sevila::nn {
class SevilaModel;
}

namespace sevila::train {

class FrameFeatures;
class ProcessGroup;

enum class FrameSampling { RandomInInterval, Uniform };
enum class PseudoLabelMode { TeacherForced, Greedy };
FrameSampling parseFrameSampling(const std::string& text);      // "random" | "uniform"
PseudoLabelMode parsePseudoLabelMode(const std::string& text);  // "teacher-forced" | "greedy"

struct TrainingRunOptions {
  TrainOptions train;  // with the reference's refinement recipe (nexqa_sr.sh) as defaults
  int frames = 32;     // n sampled per question
  int keyframes = 4;   // k handed to the Answerer (fine-tuning)
  FrameSampling sampling = FrameSampling::RandomInInterval;
  PseudoLabelMode pseudo = PseudoLabelMode::TeacherForced;
  std::string outputDir;
  bool resume = false;
  nlohmann::json provenance;  // base model, label sources, ...: stored in the checkpoint's "config"
};

// The reference's recipe for a role: the Localizer's refinement as TrainingRunOptions' defaults; the
// Answerer's fine-tuning with 8 questions per process and 2 accumulation steps.
TrainingRunOptions referenceRecipe(TrainRole role);

struct TrainingProgress {
  std::string stage;  // "preparing", "labels", "training", "saving"
  int epoch = 0, epochs = 0;
  int64_t iteration = 0, iterations = 0;
  int64_t step = 0, steps = 0;
  double loss = 0, lr = 0;
  double elapsedSeconds = 0, etaSeconds = 0;
};

struct TrainingRunResult {
  std::vector<StepRecord> history;  // every iteration, resumed runs included
  LabelCounts counts;
  int epochsCompleted = 0;
  bool interrupted = false;  // cancelled: the state after the last finished iteration was saved
  std::string checkpoint;    // checkpoint_last.pth ("" when none was written)
  int64_t framesEncoded = 0, framesFromCache = 0;
  int64_t framesTrained = 0;  // frames (Localizer) or keyframes (Answerer) through the loss in this process
  double seconds = 0;         // of this process's training loop
  nlohmann::json options;     // the settings, as stored in the state
};

TrainingRunResult runTraining(std::shared_ptr<const nn::SevilaModel> model, const MergedLabels& labels,
                              FrameFeatures& features, const TrainingRunOptions& options,
                              ProcessGroup* group = nullptr, const engine::CancelToken* cancel = nullptr,
                              const std::function<void(const TrainingProgress&)>& progress = {});

// The settings a resumed run must share with the run it resumes.
nlohmann::json trainingOptionsJson(const TrainingRunOptions& options, int worldSize);

}  // namespace sevila::train
