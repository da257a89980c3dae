// One refinement of the Localizer as a job (docs/method.md §8.3-8.5): labels merged from their sources,
// the held-out questions answered before training, the training run, the same questions answered after,
// and the before/after report. `sevila refine` and the studio's refinement view both run it; only how
// they collect the labels and show progress differs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset_item.h"
#include "data/keyframe_labels.h"
#include "engine/cancel_token.h"
#include "train/training_labels.h"
#include "train/training_run.h"

namespace sevila::engine {
class FeatureCache;
}

namespace sevila::train {

class ProcessGroup;

// Human keyframes from a studio project (an SQLite file) or a keyframes.jsonl, one author's or all
// ("" ), without the labels a reviewer rejected. Throws sevila::Error naming the file.
std::vector<data::KeyframeLabelRecord> readHumanLabels(const std::string& path,
                                                       const std::string& author = {});

struct RefinementJob {
  // The model to train: its weights change, so it must not be the one that answers in the meantime.
  std::shared_ptr<const nn::SevilaModel> model;
  std::shared_ptr<engine::FeatureCache> cache;           // null: the ViT runs for every frame it needs
  MergedLabels labels;                                   // mergeLabels() of the training split
  std::vector<data::DatasetItem> heldOut;                // answered before and after (may be empty)
  std::vector<data::KeyframeLabelRecord> heldOutLabels;  // their human keyframes: the report's hit rate
  VideoResolver resolveVideo;
  TrainingRunOptions options;  // options.provenance is the report's provenance
};

struct RefinementJobProgress {
  std::string stage;            // "evaluating-before", "training", "evaluating-after", "report"
  int64_t done = 0, total = 0;  // questions, while evaluating
  TrainingProgress training;    // while training
};

struct RefinementJobResult {
  TrainingRunResult training;
  nlohmann::json report;  // refinementReport(); null when the run was cancelled
  std::string summary;    // reportSummary() of it (markdown)
};

// Runs the job; with a group, every rank trains and rank 0 alone evaluates and reports. A cancel during
// training keeps the last saved checkpoint (training.interrupted), one before it stops the job with
// engine::Cancelled. Writes report.json and report.md into options.outputDir on rank 0.
RefinementJobResult runRefinementJob(const RefinementJob& job, ProcessGroup* group = nullptr,
                                     const engine::CancelToken* cancel = nullptr,
                                     const std::function<void(const RefinementJobProgress&)>& progress = {});

}  // namespace sevila::train
