// Our multiple-choice results file (what `sevila` and the studio write after answering a dataset):
// JSON lines, one object per question. The fields read here (others, e.g. frame indices, localizer
// scores, timings, are ignored):
//   "qid"        string, required: the DatasetItem qid ("CW_4010069381_6", "Interaction_T1_4", ...)
//   "prediction" integer, required: the chosen option index (0-based)
//   "answer"     integer, optional: the right option index (taken from the annotations when absent)
//   "type"       string, optional: question type (from the annotations when absent)
//   "dataset"    string, optional: "nextqa", "star", ... (picks the accuracy scheme when the caller
//                gives none)
// A malformed line (wrong JSON type, missing qid or prediction, truncated JSON) is a row error naming
// file, line and field; duplicate qids too.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/dataset_item.h"
#include "data/mc_accuracy.h"
#include "data/row_errors.h"

namespace sevila::data {

struct SevilaResult {
  std::string qid;
  int prediction = -1;
  std::optional<int> answer;
  std::string type;
  std::string dataset;
  std::string file;
  int line = 0;
};

struct SevilaResultsRead {
  std::vector<SevilaResult> results;
  std::vector<SkippedRow> skipped;
};

SevilaResultsRead readSevilaResults(const std::string& path, const ReadOptions& options = {});

struct McJoin {
  std::vector<McRecord> records;
  std::vector<SkippedRow> skipped;  // results that could not be scored (strict mode throws instead)
  int annotatedWithoutResult = 0;   // annotated (labelled) questions with no result line
};

// Turns results into scored records. With `annotations` (may be null): every result qid must be an
// annotated qid; answer and type come from the annotation when the result lacks them, and a result
// whose answer or type contradicts the annotation is an error (wrong annotation file?). Without
// annotations, a result without answer cannot be scored (error); for nextqa/star a missing type is
// the qid's prefix before '_' (SeViLA's grouping).
McJoin joinResults(const std::vector<SevilaResult>& results, const std::vector<DatasetItem>* annotations,
                   const std::string& dataset, const ReadOptions& options = {});

}  // namespace sevila::data
