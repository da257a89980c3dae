// The before/after report of a training run on a held-out split (report.json and report.md):
//  - the Localizer's top-k hit rate: the share of its keyframes that land on relevant frames (a
//    confirmed human's keyframes, else the frames inside QVHighlights windows); chance is about k / n
//    times the share of relevant frames;
//  - QVHighlights R1@0.5/0.7 and mAP through the official metrics (moment_retrieval_metrics.h), from
//    the frame scores aggregated into windows (window_aggregation.h), where windows exist;
//  - the chain's answer accuracy with the new keyframes, and the questions fixed and broken;
//  - the loss and learning-rate curves per step, the label counts, and the provenance (base model,
//    checkpoint hashes, label sources, hyper-parameters, seed, code version).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/moment_retrieval_metrics.h"
#include "engine/chain_result.h"
#include "train/training_run.h"

namespace sevila::train {

// Relevant frames per question (key: dataset + " " + qid), as absolute frame indices or windows.
struct RelevantFrames {
  std::set<int64_t> frames;
  std::vector<data::TimeWindow> windows;  // QVHighlights; a frame is relevant when index / fps lies inside
  bool empty() const { return frames.empty() && windows.empty(); }
};
using RelevantMap = std::map<std::string, RelevantFrames>;
std::string questionKey(const std::string& dataset, const std::string& qid);

struct SplitMetrics {
  int questions = 0;
  int withAnswer = 0;  // questions with a ground truth
  int correct = 0;
  int withRelevant = 0;      // questions with relevant frames
  int64_t keyframes = 0;     // keyframes of those questions
  int64_t hits = 0;          // of which relevant
  double chanceHitRate = 0;  // expected hit rate of k frames drawn at random from the grid
  std::optional<data::MrReport> momentRetrieval;
  double accuracy() const;
  double hitRate() const;
  nlohmann::json toJson() const;
};

SplitMetrics splitMetrics(const std::vector<engine::ChainResult>& results, const RelevantMap& relevant);

// The whole report. before/after: the chain's results on the same held-out questions.
nlohmann::json refinementReport(const std::vector<engine::ChainResult>& before,
                                const std::vector<engine::ChainResult>& after, const RelevantMap& relevant,
                                const TrainingRunResult& training, const nlohmann::json& provenance);

// A readable summary of a report (markdown).
std::string reportSummary(const nlohmann::json& report);

}  // namespace sevila::train
