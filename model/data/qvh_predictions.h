// QVHighlights moment-retrieval predictions in the official submission format (moment_detr
// standalone_eval), one JSON object per line:
//   {"qid": 2579, "vid": "NUsG9BgSes0_210.0_360.0", "pred_relevant_windows": [[s, e, score], ...]}
// qid may be the integer or our "QVHighlight_2579"; both give MrPrediction::qid "2579", which matches
// the ground truth built by groundTruthFromItems (DatasetItem::sourceId). Windows keep the file's
// order (R1 reads the first one). Row errors: missing/mistyped keys, a window that is not three finite
// numbers, a duplicate qid. A window with end < start is kept and scored as the official evaluation
// scores it (IoU 0), with a warning. "vid" and "pred_saliency_scores" are not read.
#pragma once

#include <string>
#include <vector>

#include "data/dataset_item.h"
#include "data/moment_retrieval_metrics.h"
#include "data/row_errors.h"

namespace sevila::data {

struct QvhPredictionsRead {
  std::vector<MrPrediction> predictions;
  std::vector<SkippedRow> skipped;
  std::vector<std::string> warnings;  // "<file>:<line>: ..." for windows kept as they are
};

QvhPredictionsRead readQvhPredictions(const std::string& path, const ReadOptions& options = {});

// Ground truth from QVHighlights items (readQvHighlights); throws when an item has no windows
// (the unlabelled test file).
std::vector<MrGroundTruth> groundTruthFromItems(const std::vector<DatasetItem>& items);

}  // namespace sevila::data
