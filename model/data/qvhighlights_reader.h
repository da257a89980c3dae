// QVHighlights moment-retrieval annotations (jayleicn/moment_detr
// `data/highlight_{train,val,test}_release.jsonl`, `highlight_test_with_gt.jsonl`), one JSON object per line
// (the val file has no final newline):
//   {"qid": 8737, "query": "...", "duration": 126, "vid": "bP5KfdFJzC4_660.0_810.0",
//    "relevant_windows": [[0, 16], ...], "relevant_clip_ids": [...], "saliency_scores": [[4,1,1], ...]}
// Item: qid "QVHighlight_{qid}" (SeViLA), sourceId = qid, video = vid, query as released (SeViLA's
// prompt appends "." when the query does not end in one; that is the prompt builder's job), duration,
// relevantWindows; no options, no answer. The unlabelled test file has no relevant_windows: items then
// have none. saliency fields are not read (SeViLA does not report highlight detection).
// Rejected rows: missing/mistyped keys, duration <= 0, a window that is not [start, end] numbers with
// 0 <= start < end <= duration, an empty relevant_windows list.
#pragma once

#include <string>

#include "data/row_errors.h"

namespace sevila::data {

DatasetRead readQvHighlights(const std::string& path, const ReadOptions& options = {});

}  // namespace sevila::data
