// NExT-QA's official result file, as doc-doc/NExT-QA eval_mc.py reads it: ONE JSON object
//   {"<video>_<qid>": {"prediction": i, "answer": j}, ...}
// The type of each question comes from the annotation csv (nextqa_reader), keyed by
// DatasetItem::sourceId ("{video}_{qid}"). A key not in the annotations, a non-integer prediction or
// answer, or an answer that contradicts the annotation is a row error naming the file, the line of the
// key and the field. Records come out with qid = the official key, ready for McScheme::NextQa.
#pragma once

#include <string>
#include <vector>

#include "data/dataset_item.h"
#include "data/sevila_results.h"

namespace sevila::data {

McJoin readNextQaOfficialResults(const std::string& path, const std::vector<DatasetItem>& annotations,
                                 const ReadOptions& options = {});

}  // namespace sevila::data
