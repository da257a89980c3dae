// How2QA annotations, in either of two forms (chosen by the file name's extension):
//
// .csv — the official release (ych133/How2R-and-How2QA `how2QA_{val,test_public}_release.csv`): NO
//   header row (the first line is a question: never skip it), 7 columns, RFC 4180 quoting:
//     youtube_id, "[start:end]", wrong_1, wrong_2, wrong_3, question, correct_answer
//   start/end are seconds in the full YouTube video; the released videos are 60-second segments.
//   Clip mapping as antoyang/FrozenBiLM preproc_how2qa.py (the README's reference): k = int(start)//60,
//   video = "{youtube_id}_{60k}_{60(k+1)}", clip = [int(start) - 60k, int(end) - 60k] (whole seconds;
//   the end can pass 60 when the span crosses a segment boundary: 64 val rows; the frame sampler clamps).
//   The right answer is always last upstream, so we permute DETERMINISTICALLY: answer index =
//   FNV-1a-32("{youtube_id}|{[start:end]}|{question}") mod 4; the three wrong options keep their order
//   around it. qid "HOW2QA_{i}" with i the 0-based row index, sourceId "row {line}", no type.
//
// .jsonl — SeViLA's source, the VALUE re-packaging how2qa_{train,val}_release.jsonl: the VALUE layout
//   (value_qa_format.h) with 4 options a0..a3 and answer_idx; qid "HOW2QA_{line index}".
//
// Text is used as released in both forms.
#pragma once

#include <cstdint>
#include <string>

#include "data/row_errors.h"

namespace sevila::data {

DatasetRead readHow2Qa(const std::string& path, const ReadOptions& options = {});

// The permutation rule above, exposed for tests: where the right answer goes (0-3).
int how2QaAnswerSlot(const std::string& youtubeId, const std::string& span, const std::string& question);

}  // namespace sevila::data
