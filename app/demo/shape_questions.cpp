#include "shape_questions.h"

#include <algorithm>

#include "core/error.h"

namespace sevila::demo {
namespace {

std::vector<std::string> names(const std::vector<ShapeColour>& colours) {
  std::vector<std::string> out;
  for (const ShapeColour c : colours) out.push_back(shapeColourName(c));
  return out;
}

int indexOf(const std::vector<std::string>& options, const std::string& value) {
  const auto it = std::find(options.begin(), options.end(), value);
  if (it == options.end()) throw Error("question", "'" + value + "' is not among the options");
  return static_cast<int>(it - options.begin());
}

Question about(QuestionType type, const Scene& scene, const Shape& target, const std::string& answer) {
  Question q;
  q.type = type;
  q.answer = indexOf(questionOptions(type), answer);
  q.firstFrame = target.enter;
  q.endFrame = target.leave;
  q.target = static_cast<int>(&target - scene.shapes.data());
  return q;
}

}  // namespace

const std::vector<QuestionType>& allQuestionTypes() {
  static const std::vector<QuestionType> types = {QuestionType::StarColour, QuestionType::LineCrossing};
  return types;
}

const char* questionTypeCode(QuestionType type) {
  switch (type) {
    case QuestionType::StarColour:
      return "DO";
    case QuestionType::LineCrossing:
      return "TC";
  }
  return "?";
}

std::string questionText(QuestionType type) {
  switch (type) {
    case QuestionType::StarColour:
      return "what colour is the star";
    case QuestionType::LineCrossing:
      return "what colour is the shape that crosses the grey line";
  }
  return {};
}

const std::vector<std::string>& questionOptions(QuestionType type) {
  static const std::vector<std::string> colours = names(allColours());
  (void)type;  // both ask a colour: one option order, so the letters mean the same in both
  return colours;
}

std::vector<Question> askQuestions(const Scene& scene) {
  std::vector<Question> out;
  for (const QuestionType type : allQuestionTypes()) {
    switch (type) {
      case QuestionType::StarColour:
        out.push_back(about(type, scene, scene.star(), shapeColourName(scene.star().colour)));
        break;
      case QuestionType::LineCrossing:
        out.push_back(about(type, scene, scene.crosser(), shapeColourName(scene.crosser().colour)));
        break;
    }
  }
  return out;
}

}  // namespace sevila::demo
