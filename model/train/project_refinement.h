// A refinement of the Localizer from a project's labelled questions (or a fine-tuning of the Answerer), as
// the studio's Refine and `sevila serve`'s POST /v1/refine both start one (docs/method.md §8.3-8.5): a share
// of the questions with confirmed human keyframes held out (chosen by the seed) for the before/after report,
// the labels of the others merged with the chosen sources, and the reference recipe scaled to few questions
// (smaller batches so that an epoch takes several steps; the first epoch warms up). The caller loads the
// model copy to train and runs train::runRefinementJob.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset_item.h"
#include "data/keyframe_labels.h"
#include "train/refinement_job.h"

namespace sevila::train {

struct ProjectRefinement {
  // Localizer: refinement from keyframe labels. Answerer: fine-tuning on the items' ground truths through
  // the frozen Localizer's keyframes (human labels are not used; the items need answers).
  TrainRole role = TrainRole::Localizer;
  std::vector<data::DatasetItem> items;          // the labelled questions (video: what resolveVideo reads)
  std::vector<data::KeyframeLabelRecord> human;  // their human keyframes (labels of other items are ignored)
  std::string humanFile;                         // where the labels came from (messages)
  bool reverseChain = false, windows = false;    // further sources, on every item
  int epochs = 5;
  int seed = 42;
  int heldOutPercent = 20;
  double learningRate = 3e-5;  // the reference's refinement recipe (nexqa_sr.sh)
  bool uniformFrames = false;  // the reference draws frames at random within their intervals
  int frames = 32, keyframes = 4;
  std::string outputDir;
};

// Which of `count` candidates (sorted) are held out, chosen by `seed`: round(percent% of them), at least
// one when percent > 0 and there are two or more, never all; sorted.
std::vector<size_t> heldOutIndices(size_t count, int percent, int seed);

struct PreparedRefinement {
  RefinementJob job;                 // without its model and cache
  std::vector<std::string> heldOut;  // "dataset qid" of the held-out questions
  nlohmann::json options;            // provenance + the training options + the label counts
  int trainQuestions = 0;
};

// `provenance` (command, model, checkpoint, device, label sources) is completed with the held-out share
// and stored in the checkpoint. Throws sevila::Error when nothing can be learnt.
PreparedRefinement prepareRefinement(const ProjectRefinement& refinement, const VideoResolver& resolveVideo,
                                     nlohmann::json provenance);

}  // namespace sevila::train
