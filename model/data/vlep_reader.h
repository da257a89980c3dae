// VLEP (video-and-language future event prediction; jayleicn/VideoLanguageFuturePred
// `vlep_{train,dev,test}_release.jsonl`, research-only, not shipped): one JSON object per line,
//   {"example_id": 21411, "vid_name": "..._ep", "ts": [10.54, 13.55], "events": [e0, e1],
//    "answer": 1, "split": "dev"}   (no "answer" in test)
// SeViLA's conversion: qid "VLEP_{example_id}", options = events (2), no question text,
// clip = ts, answer = answer. video = vid_name as released (the "_ep" suffix is kept; the engine maps
// it to a file). No type.
#pragma once

#include <string>

#include "data/row_errors.h"

namespace sevila::data {

DatasetRead readVlep(const std::string& path, const ReadOptions& options = {});

}  // namespace sevila::data
