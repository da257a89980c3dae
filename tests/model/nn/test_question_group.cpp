// Questions sharing a video in one pass per role (nn/question_group.h): every question of a group gets
// the Localizer scores, keyframes and answer it gets alone, for prompts of different lengths (padding
// masked out), Localizer passes that split the stacked rows across questions, overlapping keyframes and
// different option counts; a group of one is the single-question path itself; bad input is refused.
// On the device of SEVILA_TEST_DEVICE (tests/cuda/run.sh runs it on CUDA).
#include <cstdio>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "golden_sevila_case.h"
#include "minitest.h"
#include "test_device_choice.h"
#include "nn/question_group.h"
#include "nn/sevila_model.h"

using namespace sevila::nn;

namespace {

const GoldenSevilaCase& golden() {
  static const GoldenSevilaCase c("tiny-a", testDevice());
  return c;
}

double maxDiff(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

struct Asked {
  std::string question;
  std::vector<std::string> choices;
};
// Prompts of clearly different lengths, so that the group pads all but the longest.
const std::vector<Asked>& asked() {
  static const std::vector<Asked> a{
      {"why did the boy pick up the red ball after the dog ran across the wet grass towards the gate?",
       {"to throw it", "to hide it", "to eat it", "to give it to the dog", "to clean it"}},
      {"why?", {"a", "b", "c"}},
      {"who ran?", {"he", "she", "it", "we", "they"}},
  };
  return a;
}

std::vector<LocalizerPromptIds> localizerPrompts(const SevilaOptions& options) {
  std::vector<LocalizerPromptIds> out;
  for (const auto& a : asked())
    out.push_back(localizerPromptIds(golden().model->tokenizer(), PromptFamily::MultipleChoice, a.question,
                                     a.choices, options.maxTextTokens));
  return out;
}

}  // namespace

TEST(localizerGroupEqualsOneQuestionAtATime) {
  torch::NoGradGuard g;
  const SevilaModel& model = *golden().model;
  for (const int rows : {0, 4}) {  // all stacked rows in one pass; passes that cut across questions
    SevilaOptions options = model.options();
    options.keyframes = 2;
    options.localizerRows = rows;
    const auto prompts = localizerPrompts(options);
    const auto group = localizeGroup(model, golden().image, prompts, options);
    CHECK_EQ(group.size(), prompts.size());
    double worst = 0;
    for (size_t q = 0; q < prompts.size(); ++q) {
      const auto alone = localize(model, golden().image, prompts[q].framePrefix, prompts[q].text, options);
      worst = std::max(worst, maxDiff(group[q].firstLogits, alone.firstLogits));
      CHECK(group[q].keyframes == alone.keyframes);
      CHECK(group[q].yesLogit.sizes() == alone.yesLogit.sizes());
      CHECK(maxDiff(group[q].yesNoProb, alone.yesNoProb) < 1e-5);
      CHECK(group[q].firstLogits.device().is_cpu());
    }
    std::printf("  %zu questions (text ids %zu, %zu, %zu), %d rows per pass: group vs alone max|d| %.3e\n",
                prompts.size(), prompts[0].text.size(), prompts[1].text.size(), prompts[2].text.size(), rows,
                worst);
    CHECK(prompts[0].text.size() != prompts[1].text.size());
    CHECK(worst < 1e-4);
    // The questions differ, so their scores do: the rows were not mixed up.
    CHECK(maxDiff(group[0].yesLogit, group[1].yesLogit) > 1e-6);
  }
}

TEST(aGroupOfOneIsTheSingleQuestionPath) {
  torch::NoGradGuard g;
  const SevilaModel& model = *golden().model;
  const auto prompts = localizerPrompts(model.options());
  const auto one = localizeGroup(model, golden().image, {prompts[1]}, model.options());
  const auto alone =
      localize(model, golden().image, prompts[1].framePrefix, prompts[1].text, model.options());
  CHECK_EQ(one.size(), size_t{1});
  CHECK(one[0].firstLogits.equal(alone.firstLogits));
  CHECK(localizeGroup(model, golden().image, {}, model.options()).empty());
}

TEST(answererGroupEqualsOneQuestionAtATime) {
  torch::NoGradGuard g;
  const SevilaModel& model = *golden().model;
  const auto& tokenizer = model.tokenizer();
  const std::vector<std::vector<int64_t>> keyframes{{0, 2, 3}, {2}, {1, 2, 4, 5}};  // overlapping
  std::vector<AnswererQuestion> questions;
  for (size_t q = 0; q < asked().size(); ++q) {
    AnswererQuestion a;
    a.keyframes = keyframes[q];
    a.prompt = answererPromptIds(tokenizer, PromptFamily::MultipleChoice, asked()[q].question,
                                 asked()[q].choices, 4, model.options().maxTextTokens);
    a.numOptions = static_cast<int>(asked()[q].choices.size());
    questions.push_back(a);
  }
  const auto group = answerGroup(model, golden().image, questions, model.options());
  CHECK_EQ(group.size(), questions.size());
  double worst = 0;
  for (size_t q = 0; q < questions.size(); ++q) {
    const auto alone = answer(model, golden().image, keyframes[q], PromptFamily::MultipleChoice,
                              asked()[q].question, asked()[q].choices, model.options());
    worst = std::max({worst, maxDiff(group[q].letterLogits, alone.letterLogits),
                      maxDiff(group[q].step0Logits, alone.step0Logits)});
    CHECK_EQ(group[q].answer, alone.answer);
    CHECK_EQ(group[q].step0Token, alone.step0Token);
    CHECK_EQ(group[q].letterProbs.numel(), static_cast<int64_t>(asked()[q].choices.size()));
  }
  std::printf("  3 questions, 3/1/4 keyframes, 5/3/5 options: group vs alone max|d| %.3e\n", worst);
  CHECK(worst < 1e-4);

  const auto one = answerGroup(model, golden().image, {questions[2]}, model.options());
  const auto alone = answer(model, golden().image, keyframes[2], PromptFamily::MultipleChoice,
                            asked()[2].question, asked()[2].choices, model.options());
  CHECK(one[0].letterLogits.equal(alone.letterLogits));
}

TEST(badGroupsAreRefused) {
  torch::NoGradGuard g;
  const SevilaModel& model = *golden().model;
  AnswererQuestion a;
  a.prompt = answererPromptIds(model.tokenizer(), PromptFamily::MultipleChoice, "what?", {"a", "b"}, 2);
  a.numOptions = 2;
  CHECK_THROWS_WITH(answerGroup(model, golden().image, {a, a}, model.options()), "no keyframes");
  a.keyframes = {0, 99};
  CHECK_THROWS_WITH(answerGroup(model, golden().image, {a, a}, model.options()), "outside the");
  a.keyframes = {0, 1, 2};
  CHECK_THROWS_WITH(answerGroup(model, golden().image, {a, a}, model.options()), "2 keyframe prefixes for 3");
  a.keyframes = {0, 1};
  a.numOptions = 7;
  CHECK_THROWS_WITH(answerGroup(model, golden().image, {a, a}, model.options()), "options");
  CHECK_THROWS_WITH(
      localizeGroup(model, golden().image.flatten(0, 1), localizerPrompts(model.options()), model.options()),
      "ViT output must be");
}

MINITEST_MAIN
