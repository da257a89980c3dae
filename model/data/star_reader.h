// STAR (Situated Reasoning) annotations: STAR_{train,val,test}.json, ONE JSON array of objects:
//   question_id "Interaction_T1_4" (category prefix before '_': Interaction, Sequence, Prediction,
//   Feasibility), question, video_id (Charades id), start, end (seconds of the situation in the video),
//   answer (the TEXT of the right choice; absent in test), choices [{choice_id, choice, ...}] (4),
//   plus question_program / situations, which are ignored (scene graphs must not reach the model).
// Item: qid = sourceId = question_id, type = its category, video = video_id, clip = [start, end],
// options = choices[i].choice in list order, answer = index of the ONE choice whose text equals
// `answer` (SeViLA's conversion). Text is used as released.
// Rejected elements: missing/mistyped keys, a category outside the four, start > end, an empty choice,
// an answer text that matches no choice or more than one. Lines are those where the element starts.
#pragma once

#include <string>

#include "data/row_errors.h"

namespace sevila::data {

DatasetRead readStar(const std::string& path, const ReadOptions& options = {});

bool isStarCategory(const std::string& type);

}  // namespace sevila::data
