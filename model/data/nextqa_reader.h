// NExT-QA multiple-choice annotations (doc-doc/NExT-QA `dataset/nextqa/{train,val,test}.csv`).
//
// CSV with a header row naming the columns video, frame_count, width, height, question, answer, qid,
// type, a0, a1, a2, a3, a4 (found by name, so their order may change). One item per row:
//   qid      = "{type}_{video}_{qid}" (SeViLA's key; the type prefix is what it groups accuracy by)
//   sourceId = "{video}_{qid}"        (the key of the official eval_mc.py result file)
//   type     = the code as released (CW, CH, TN, TP, TC, DC, DL, DO); TP is kept, the metrics merge it
//   options  = a0..a4, answer = `answer` (0-4), no clip (the whole video).
//
// Text: SeViLA's preprocessing (sevila_data/"Data Preprocess.ipynb") APPENDS "?" to every question and
// "." to every option, unconditionally, before any prompt is built: "how do the two man play the
// instrument" -> "how do the two man play the instrument?", "roll the handle" -> "roll the handle.".
// The one val question that already ends in "?" therefore ends in "??", as in the reference. No other
// change (no lower-casing, no stripping). ReadOptions::sevilaText = false keeps the released text.
//
// Rejected rows (file, line, field named): wrong number of columns, broken quoting, non-integer
// video/qid/answer, answer outside 0-4, an empty question or option, an unknown type code, a duplicate
// "{video}_{qid}".
#pragma once

#include <string>

#include "data/row_errors.h"

namespace sevila::data {

DatasetRead readNextQa(const std::string& path, const ReadOptions& options = {});

// The NExT-QA type codes and their groups, as the official evaluation groups them.
bool isNextQaTypeCode(const std::string& code);

}  // namespace sevila::data
