#include "nn/sevila_prompts.h"

#include "core/error.h"

namespace sevila::nn {

const char* promptFamilyName(PromptFamily family) {
  switch (family) {
    case PromptFamily::Vlep:
      return "vlep";
    case PromptFamily::QvHighlights:
      return "qvhighlights";
    case PromptFamily::MultipleChoice:
      break;
  }
  return "multiple-choice";
}

std::optional<PromptFamily> promptFamilyFromName(const std::string& name) {
  for (PromptFamily f : {PromptFamily::MultipleChoice, PromptFamily::Vlep, PromptFamily::QvHighlights})
    if (name == promptFamilyName(f)) return f;
  return std::nullopt;
}
namespace {
const char* kAnswerInstruction =
    " Considering the information presented in the frame, select the correct answer from the options.";
const char* kLocalizeInstruction =
    " Does the information within the frame provide the necessary details to accurately answer the given "
    "question?";
const char* kVlepQuestion = "Upon observing the provided frames, what is the most probable subsequent event?";
const char* kVlepLocalizeInstruction =
    " Does the information within the frame provide the necessary details to predict next event?";

void requireOptions(const std::vector<std::string>& options, size_t low, size_t high) {
  if (options.size() < low || options.size() > high)
    throw Error("prompt", "expected " + std::to_string(low) + ".." + std::to_string(high) + " options, got " +
                              std::to_string(options.size()));
}

std::string vlepOptions(const std::vector<std::string>& options) {
  requireOptions(options, 2, 2);
  return std::string(kVlepQuestion) + " Option A: " + options[0] + " Option B: " + options[1];
}
}  // namespace

char optionLetter(int index) {
  if (index < 0 || index > 4) throw Error("prompt", "option index " + std::to_string(index) + " is not 0..4");
  return static_cast<char>('A' + index);
}

std::string answererPrompt(PromptFamily family, const std::string& question,
                           const std::vector<std::string>& options) {
  switch (family) {
    case PromptFamily::Vlep:
      return vlepOptions(options);
    case PromptFamily::QvHighlights:
      // The reference builds one but never uses it: QVHighlights trains the Localizer only.
      throw Error("prompt", "QVHighlights items have no Answerer prompt");
    case PromptFamily::MultipleChoice:
      break;
  }
  requireOptions(options, 2, 5);
  std::string text = "Question: " + question;
  for (size_t j = 0; j < options.size(); ++j)
    text += std::string(" Option ") + optionLetter(static_cast<int>(j)) + ": " + options[j];
  return text + kAnswerInstruction;
}

std::string localizerPrompt(PromptFamily family, const std::string& question,
                            const std::vector<std::string>& options) {
  switch (family) {
    case PromptFamily::Vlep:
      return vlepOptions(options) + kVlepLocalizeInstruction;
    case PromptFamily::QvHighlights: {
      std::string query = question;
      if (query.empty() || query.back() != '.') query += '.';
      return "Question: " + query + " Option A: yes. Option B: no." + kLocalizeInstruction;
    }
    case PromptFamily::MultipleChoice:
      break;
  }
  requireOptions(options, 2, 5);
  // No letters, each option followed by one space, so the list reads "(x y z )".
  std::string text = "Question: " + question + " Options: (";
  for (const auto& option : options) text += option + " ";
  return text + ")" + kLocalizeInstruction;
}

std::string answerTarget(int index) {
  return std::string("Option ") + optionLetter(index);
}

std::string singleFramePrefix() {
  return "Frame: ";
}

std::string keyframePrefix(int j) {
  if (j < 1) throw Error("prompt", "keyframe numbers start at 1");
  return "Frame " + std::to_string(j) + ": ";
}

}  // namespace sevila::nn
