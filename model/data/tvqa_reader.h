// TVQA annotations (jayleicn/TVQA `tvqa_{train,val,test_public}.jsonl`; research-only, not shipped) and
// TVQA+ (jayleicn/TVQAplus `tvqa_plus_{train,val}.json`).
//   .jsonl: the VALUE layout (value_qa_format.h) with 5 options: qid "TVQA_{line index}" (SeViLA),
//           sourceId = qid, video = vid_name, clip = ts "start-end" ("NaN-NaN": no clip).
//   .json : TVQA+ — ONE JSON array with the same keys, except answer_idx is a STRING ("3") and ts a
//           list [start, end]; bbox is ignored. qid "TVQA_{array index}".
// Chosen by the file's first non-blank character ('[' = TVQA+). Type is left empty (SeViLA reports
// TVQA as one number). Text is used as released.
#pragma once

#include <string>

#include "data/row_errors.h"

namespace sevila::data {

DatasetRead readTvqa(const std::string& path, const ReadOptions& options = {});

}  // namespace sevila::data
