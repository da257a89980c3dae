#include "minitest.h"
#include "nn/sevila_prompts.h"

using namespace sevila::nn;

TEST(multipleChoiceAnswererPromptMatchesReference) {
  const std::string expected =
      "Question: why did the boy pick up the ball? Option A: to throw it. Option B: to eat it. "
      "Option C: to hide it. Considering the information presented in the frame, select the correct answer "
      "from the options.";
  CHECK_EQ(answererPrompt(PromptFamily::MultipleChoice, "why did the boy pick up the ball?",
                          {"to throw it.", "to eat it.", "to hide it."}),
           expected);
}

TEST(multipleChoiceLocalizerPromptHasNoLettersAndASpaceBeforeTheParenthesis) {
  const std::string expected =
      "Question: what is on the table? Options: (a cup a book ) Does the information within the frame "
      "provide the necessary details to accurately answer the given question?";
  CHECK_EQ(localizerPrompt(PromptFamily::MultipleChoice, "what is on the table?", {"a cup", "a book"}),
           expected);
}

TEST(vlepPrompts) {
  const std::string qa =
      "Upon observing the provided frames, what is the most probable subsequent event? Option A: he sits "
      "down "
      "Option B: he leaves";
  CHECK_EQ(answererPrompt(PromptFamily::Vlep, "", {"he sits down", "he leaves"}), qa);
  CHECK_EQ(
      localizerPrompt(PromptFamily::Vlep, "", {"he sits down", "he leaves"}),
      qa + " Does the information within the frame provide the necessary details to predict next event?");
  CHECK_THROWS_WITH(answererPrompt(PromptFamily::Vlep, "", {"a", "b", "c"}), "expected 2..2 options");
}

TEST(qvhighlightsLocalizerPromptEndsTheQueryWithAPeriodOnce) {
  const std::string tail =
      " Option A: yes. Option B: no. Does the information within the frame provide the necessary details to "
      "accurately answer the given question?";
  CHECK_EQ(localizerPrompt(PromptFamily::QvHighlights, "A man is cooking", {}),
           "Question: A man is cooking." + tail);
  CHECK_EQ(localizerPrompt(PromptFamily::QvHighlights, "A man is cooking.", {}),
           "Question: A man is cooking." + tail);
  CHECK_THROWS_WITH(answererPrompt(PromptFamily::QvHighlights, "q", {}), "no Answerer prompt");
}

TEST(targetsAndPrefixes) {
  CHECK_EQ(answerTarget(0), std::string("Option A"));
  CHECK_EQ(answerTarget(4), std::string("Option E"));
  CHECK_EQ(singleFramePrefix(), std::string("Frame: "));
  CHECK_EQ(keyframePrefix(3), std::string("Frame 3: "));
  CHECK_THROWS_WITH(answerTarget(5), "not 0..4");
  CHECK_THROWS_WITH(keyframePrefix(0), "start at 1");
}

TEST(optionCountIsChecked) {
  CHECK_THROWS_WITH(answererPrompt(PromptFamily::MultipleChoice, "q", {"only one"}), "expected 2..5 options");
  CHECK_THROWS_WITH(localizerPrompt(PromptFamily::MultipleChoice, "q", {"1", "2", "3", "4", "5", "6"}),
                    "expected 2..5 options");
}

MINITEST_MAIN
