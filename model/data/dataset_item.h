// One annotated question (or moment-retrieval query) of any dataset SeViLA is evaluated on: NExT-QA,
// STAR, How2QA, TVQA, VLEP (multiple choice) and QVHighlights (moment retrieval). Every reader in this
// folder produces this type, so the engine, the CLI and the GUI handle all datasets alike.
// Plain C++17: no Qt, no torch.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/dataset_kind.h"

namespace sevila::data {

// A span of a video in seconds, start <= end.
struct TimeWindow {
  double start = 0.0;
  double end = 0.0;
  double length() const { return end - start; }
  bool operator==(const TimeWindow& o) const { return start == o.start && end == o.end; }
};

struct DatasetItem {
  std::string dataset =
      datasetKindName(DatasetKind::NextQa);  // the kind's name, as files and labels store it
  // The name is the one source of truth; code compares kinds (none for a name outside the table).
  std::optional<DatasetKind> kind() const { return datasetKindFromName(dataset); }
  void setKind(DatasetKind k) { dataset = datasetKindName(k); }
  // SeViLA's key, unique within a file; its prefix before '_' is the grouping SeViLA reports on:
  // "CW_4010069381_6", "Interaction_T1_4", "HOW2QA_17", "TVQA_0", "VLEP_21411", "QVHighlight_8737".
  std::string qid;
  // The dataset's own id of the question: NExT-QA "{video}_{qid}" (the official eval's key), STAR
  // question_id, TVQA qid, VLEP example_id, QVHighlights qid, How2QA csv "row N" (no id upstream).
  std::string sourceId;
  std::string video;                 // video id as written in the annotation (no folder, no extension)
  std::optional<TimeWindow> clip;    // part of the video the question is about (seconds), if given
  std::string question;              // empty for VLEP (no question) and QVHighlights (see query)
  std::vector<std::string> options;  // answer options in prompt order (A, B, C, ...); empty for QVH
  std::optional<int> answer;         // index into options; absent in unlabelled (test) splits
  std::string type;                  // question type: NExT-QA code ("CW"), STAR category ("Interaction")

  // QVHighlights only.
  std::string query;                        // the sentence as released (SeViLA's "." is added by the prompt)
  double duration = 0.0;                    // seconds
  std::vector<TimeWindow> relevantWindows;  // ground-truth moments; empty in the unlabelled test file

  // Where the item was read, for messages: "val.csv", line 17 (1-based; first line of a CSV record).
  std::string sourceFile;
  int sourceLine = 0;
};

}  // namespace sevila::data
