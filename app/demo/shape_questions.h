// The questions asked about every shapes scene (shape_scene.h), one per type per video, with their fixed
// options, their answer and their event: the frames that show the answer (and no others do).
//
//   type          NExT-QA code        question (as in NExT-QA's csv)
//   StarColour    DO (descr., other)  "what colour is the star"
//   LineCrossing  TC (temp., current) "what colour is the shape that crosses the grey line"
// Both offer red, green, blue, yellow, white, always in this order. Finding the star takes telling shapes
// apart; finding the crossing takes where a shape is. (Naming the crossing shape's kind instead was
// tried: a model this small, trained from scratch for 20 minutes, stayed at chance on it.)
// The NExT-QA reader appends "?" to the question and "." to each option, as SeViLA's preprocessing does,
// so the csv holds neither. Options never move: a model trained from scratch on a few hundred videos
// cannot afford to learn shuffled options. Each type has its own code, so `sevila metrics` reports the
// accuracy per type.
#pragma once

#include <string>
#include <vector>

#include "shape_scene.h"

namespace sevila::demo {

enum class QuestionType { StarColour, LineCrossing };

// In csv order (a question's NExT-QA qid is its position here).
const std::vector<QuestionType>& allQuestionTypes();
const char* questionTypeCode(QuestionType type);  // "DO", "TC"
std::string questionText(QuestionType type);
const std::vector<std::string>& questionOptions(QuestionType type);  // five, fixed

struct Question {
  QuestionType type = QuestionType::StarColour;
  int answer = 0;  // index into questionOptions(type)
  // The frames that show the answer: [firstFrame, endFrame), the target shape's time on screen.
  int firstFrame = 0;
  int endFrame = 0;
  int target = -1;  // the star or the crosser: its index in the scene's shapes

  bool isEvent(int frame) const { return frame >= firstFrame && frame < endFrame; }
};

// One question per type, in allQuestionTypes() order.
std::vector<Question> askQuestions(const Scene& scene);

}  // namespace sevila::demo
