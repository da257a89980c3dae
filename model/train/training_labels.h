// Where the Localizer's frame labels come from (docs/method.md §8.3, §8.5), merged per (video, question,
// frame):
//  - the reverse chain: the frozen Answerer answers from each sampled frame alone; "yes" where its letter
//    equals the ground truth (teacher-forced as the reference, or greedy);
//  - human keyframes (a project or keyframes.jsonl): on a confirmed item its keyframes are "yes" and the
//    other sampled frames "no"; an unsure label is left out; a confirmed label replaces that item's
//    pseudo-labels;
//  - QVHighlights windows: "yes" when the frame's time (index / fps) lies inside a relevant window.
// This file decides which source labels each question; the per-frame labels themselves are computed on
// the frames the trainer samples (trainer.h), as the reference does.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/dataset_item.h"
#include "data/keyframe_labels.h"
#include "data/label_agreement.h"

namespace sevila::train {

enum class LabelSource { ReverseChain, Human, Windows };
const char* labelSourceName(LabelSource source);  // "reverse-chain", "human", "qvh-windows"

struct TrainingExample {
  data::DatasetItem item;
  std::string videoPath;
  LabelSource source = LabelSource::ReverseChain;
  // Human: the label's grid and its 0/1 per grid position.
  data::SamplingGrid grid;
  std::vector<int64_t> gridLabels;
  std::string author;
};

struct SourceCounts {
  int64_t items = 0;
  int64_t frames = 0;  // labelled frames on the uniform grid (filled by the label pass)
  int64_t yes = 0;
};

struct LabelCounts {
  SourceCounts reverseChain, human, windows;
  int64_t pseudoReplacedByHuman = 0;    // items whose pseudo-labels a confirmed human label replaced
  int64_t unsureSkipped = 0;            // unsure human labels, left out
  int64_t authorConflicts = 0;          // items with confirmed labels of several authors (the latest wins)
  int64_t withoutLabels = 0;            // items no source could label (no ground truth, no windows)
  data::BinaryAgreement pseudoVsHuman;  // pseudo-labels against human labels where both exist

  SourceCounts& of(LabelSource source);
  const SourceCounts& of(LabelSource source) const;
  nlohmann::json toJson() const;
  std::string summary() const;  // one line per source, then the agreement
};

struct LabelSources {
  std::vector<data::DatasetItem> items;  // the training split
  bool reverseChain = true;              // pseudo-label multiple-choice items that have a ground truth
  bool windows = true;                   // label QVHighlights items by their relevant windows
  std::vector<data::KeyframeLabelRecord> human;
  std::string humanFile;  // named in messages
};

struct MergedLabels {
  std::vector<TrainingExample> examples;
  LabelCounts counts;
};

using VideoResolver = std::function<std::string(const data::DatasetItem& item)>;

// Throws sevila::Error when nothing at all is labelled, or when a human label names a question that
// is not among the items (naming the qid and the file). resolveVideo throws for a missing video.
MergedLabels mergeLabels(const LabelSources& sources, const VideoResolver& resolveVideo);

// A human label's grid must be the trainer's uniform grid for that video (same n, same frame
// indices): otherwise a clear error naming the question and both grids.
void requireSameGrid(const TrainingExample& example, const std::vector<int64_t>& trainerGrid);

}  // namespace sevila::train
