// The Answerer beyond golden parity (test_sevila_parity): prompt ids from text ("Frame j: " with its
// "▁" piece), the single-frame batch equals the keyframe Answerer on one frame with the "Frame: "
// prefix, the two-step scoring, voting / oracle / pseudo-labels, and bad inputs.
#include <cstdio>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "golden_sevila_case.h"
#include "minitest.h"
#include "nn/answerer.h"
#include "nn/safetensors.h"
#include "nn/sevila_model.h"

using namespace sevila::nn;

namespace {

const GoldenSevilaCase& golden() {
  static const GoldenSevilaCase c("tiny-b");
  return c;
}
const std::string kTokenizer = std::string(SEVILA_TEST_DATA) + "/golden/tokenizer/tiny_t5.model";
std::shared_ptr<const SevilaModel> model() {
  return golden().model;
}
at::Tensor image() {
  return golden().image;
}
std::vector<int64_t> ids(const std::string& name) {
  return golden().ids(name);
}

using V = std::vector<int64_t>;

FrameAnswers made(const std::vector<int>& answers, const std::vector<std::vector<double>>& probs) {
  FrameAnswers f;
  f.answers = answers;
  std::vector<double> flat;
  for (const auto& row : probs) flat.insert(flat.end(), row.begin(), row.end());
  f.letterProbs = torch::tensor(flat).reshape({static_cast<int64_t>(probs.size()), -1});
  f.letterLogits = f.letterProbs.log();
  return f;
}

}  // namespace

TEST(promptIdsFromText) {
  const auto tok = T5Tokenizer::load(kTokenizer);
  const std::vector<std::string> choices{"he wants to play.", "three.", "a ball.", "red."};
  const auto p = answererPromptIds(tok, PromptFamily::MultipleChoice, "why?", choices, 3);
  REQUIRE(p.keyframePrefixes.size() == 3);
  CHECK(p.keyframePrefixes[0] == V({37, 123, 5, 3}));  // [▁Frame, ▁1, :, ▁]
  for (int j = 0; j < 3; ++j) {
    CHECK(p.keyframePrefixes[j] == tok.encodeFramePrefix("Frame " + std::to_string(j + 1) + ": "));
    CHECK_EQ(p.keyframePrefixes[j].back(), int64_t{3});
  }
  CHECK(p.framePrefix == V({37, 5, 3}));
  CHECK(p.text == tok.truncate(tok.encode(answererPrompt(PromptFamily::MultipleChoice, "why?", choices))));
  CHECK_EQ(p.text.back(), int64_t{1});
  const std::vector<std::string> longChoices(5, "he wants to play with the ball in the garden of the house.");
  const auto cut = answererPromptIds(tok, PromptFamily::MultipleChoice, "why?", longChoices, 4);
  CHECK_EQ(cut.text.size(), size_t{77});
  CHECK_EQ(cut.text.back(), int64_t{1});
}

TEST(singleFrameBatchEqualsOneKeyframeAnswer) {
  torch::NoGradGuard g;
  const auto prefix = ids("sevila.frame_prefix_ids"), qa = ids("sevila.qa_text_ids");
  const auto each = answerEachFrame(*model(), image(), prefix, qa, 5, model()->options());
  const int64_t frames = image().size(0);
  CHECK(each.letterLogits.sizes() == at::IntArrayRef({frames, 5}));
  CHECK_EQ(each.answers.size(), static_cast<size_t>(frames));
  double worst = 0;
  for (int64_t i = 0; i < frames; ++i) {
    const auto one = answer(*model(), image(), {i}, {prefix}, qa, 5, model()->options());
    worst = std::max(worst, (one.letterLogits - each.letterLogits[i]).abs().max().item<double>());
    CHECK_EQ(one.answer, each.answers[i]);
    CHECK_EQ(one.step0Token, each.step0Tokens[i].item<int64_t>());
    // Step 0 is the greedy token of the whole vocabulary; the answer is the letter argmax.
    CHECK_EQ(one.step0Token, one.step0Logits.argmax().item<int64_t>());
    CHECK_EQ(static_cast<int64_t>(one.answer), one.letterLogits.argmax().item<int64_t>());
    CHECK(one.letterProbs.allclose(one.letterLogits.softmax(0)));
  }
  std::printf("  batch vs one-frame letter logits: max|d| %.3e\n", worst);
  CHECK(worst < 1e-4);
}

TEST(textOverloadsUseTheOptionCount) {
  torch::NoGradGuard g;
  const std::vector<std::string> choices{"he wants to play.", "three."};
  const auto a = answer(*model(), image(), {0, 2}, PromptFamily::Vlep, "", choices, model()->options());
  CHECK(a.letterLogits.sizes() == at::IntArrayRef({2}));
  CHECK(a.answer == 0 || a.answer == 1);
  const auto p = answererPromptIds(model()->tokenizer(), PromptFamily::Vlep, "", choices, 2);
  const auto byIds = answer(*model(), image(), {0, 2}, p.keyframePrefixes, p.text, 2, model()->options());
  CHECK(a.letterLogits.equal(byIds.letterLogits));
  const auto each = answerEachFrame(*model(), image(), PromptFamily::MultipleChoice, "why?",
                                    {"a.", "b.", "c.", "d."}, model()->options());
  CHECK(each.letterLogits.sizes() == at::IntArrayRef({image().size(0), 4}));
}

TEST(votingOracleAndPseudoLabels) {
  const auto f =
      made({2, 0, 2, 1, 0}, {{.5, .2, .3}, {.6, .3, .1}, {.1, .2, .7}, {.2, .5, .3}, {.9, .05, .05}});
  // 0 and 2 have two votes each; option 0 has more probability mass (2.3 vs 1.45).
  CHECK_EQ(majorityVote(f), 0);
  CHECK_EQ(majorityVote(made({1, 1, 2}, {{.1, .8, .1}, {.1, .8, .1}, {.1, .1, .8}})), 1);
  CHECK(pseudoLabels(f, 2) == V({1, 0, 1, 0, 0}));
  CHECK(oracleCorrect(f, 1));
  CHECK(!oracleCorrect(made({0, 0}, {{.9, .1}, {.8, .2}}), 1));
  CHECK_THROWS_WITH(majorityVote(FrameAnswers{}), "no frames");
}

TEST(refusesBadInputs) {
  torch::NoGradGuard g;
  const auto prefix = ids("sevila.frame_prefix_ids"), qa = ids("sevila.qa_text_ids");
  const auto& o = model()->options();
  CHECK_THROWS_WITH(answer(*model(), image(), {0, 99}, {prefix, prefix}, qa, 5, o), "outside the");
  CHECK_THROWS_WITH(answer(*model(), image(), {0, 1}, {prefix}, qa, 5, o), "1 keyframe prefixes for 2");
  CHECK_THROWS_WITH(answer(*model(), image(), {0}, {prefix}, qa, 6, o), "between 1 and 5");
  CHECK_THROWS_WITH(answer(*model(), image(), {}, {}, qa, 5, o), "no keyframes");
  CHECK_THROWS_WITH(answerEachFrame(*model(), image(), prefix, V({1, -3}), 5, o), "outside the vocabulary");
}

// The reverse chain's teacher-forced reading equals the greedy one wherever the greedy step-0 token is
// the forced token, and differs only through that token elsewhere (golden frame_ans logits as anchor).
TEST(teacherForcedFrameAnswers) {
  torch::NoGradGuard g;
  const auto prefix = ids("sevila.frame_prefix_ids"), qa = ids("sevila.qa_text_ids");
  const auto& o = model()->options();
  const auto tokens = model()->network().visualTokens(image(), Role::Answerer);
  const FrameAnswers greedy = answerEachFrameFromTokens(*model(), tokens, prefix, qa, 5, o);
  const int64_t forced = greedy.step0Tokens[0].item<int64_t>();
  const FrameAnswers tf = answerEachFrameTeacherForced(*model(), tokens, prefix, qa, 5, forced, o);
  int same = 0;
  for (int64_t i = 0; i < greedy.step0Tokens.size(0); ++i) {
    CHECK_EQ(tf.step0Tokens[i].item<int64_t>(), forced);
    if (greedy.step0Tokens[i].item<int64_t>() != forced) continue;
    ++same;
    CHECK(torch::allclose(tf.letterLogits[i], greedy.letterLogits[i], 0, 0));
  }
  CHECK(same >= 1);
  // Forcing another token changes the letters' logits: the reading depends on the decoder input.
  const FrameAnswers other =
      answerEachFrameTeacherForced(*model(), tokens, prefix, qa, 5, forced == 3 ? 4 : 3, o);
  CHECK(!torch::allclose(other.letterLogits, tf.letterLogits));
  CHECK_THROWS_WITH(answerEachFrameTeacherForced(*model(), tokens, prefix, qa, 5, 1 << 20, o),
                    "outside the vocabulary");
}

MINITEST_MAIN
