// The VALUE benchmark's multiple-choice JSON-lines layout, shared by TVQA (tvqa_{train,val}.jsonl,
// tvqa_test_public.jsonl) and SeViLA's How2QA files (how2qa_{train,val}_release.jsonl):
//   {"qid": 0, "q": "...", "a0": ..., "a{n-1}": ..., "answer_idx": 2, "ts": "20.16-25.12",
//    "vid_name": "s03e02_seg02_clip_10", "show_name": ...}
// answer_idx is absent in unlabelled splits; ts "NaN-NaN" (3 TVQA rows) means no clip.
// SeViLA keys items by position: qid "{PREFIX}_{i}" with i the 0-based index of the JSON line
// (blank lines not counted); the file's own qid is kept as sourceId. Text is used as released.
#pragma once

#include <string>

#include "data/row_errors.h"

namespace sevila::data {

// Reads the file with `numOptions` options a0..a{numOptions-1}; items get `dataset` and qid prefix
// `qidPrefix` ("TVQA", "HOW2QA").
DatasetRead readValueQaJsonl(const std::string& path, const ReadOptions& options, DatasetKind dataset,
                             const std::string& qidPrefix, int numOptions);

// "76.01-84.2" -> [76.01, 84.2]; "NaN-NaN" -> nullopt. Throws RowError (field `field`) otherwise.
std::optional<TimeWindow> parseTimestampRange(const std::string& text, const std::string& file, int line,
                                              const std::string& field);

}  // namespace sevila::data
