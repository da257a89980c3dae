// The Localizer beyond golden parity (test_sevila_parity): keyframe selection rules, the text path
// (prompt → ids with the tiny tokenizer), batching invariance (T frames in one pass = each frame alone =
// passes of fewer rows, and the memory-saving mode's automatic pass size),
// bad inputs, and the training loss (ignore_index, gradients only into the Localizer, no .grad written).
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "golden_sevila_case.h"
#include "minitest.h"
#include "nn/localizer.h"
#include "nn/localizer_loss.h"
#include "nn/safetensors.h"
#include "nn/sevila_model.h"

using namespace sevila::nn;

namespace {

const GoldenSevilaCase& golden() {
  static const GoldenSevilaCase c("tiny-a");
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

}  // namespace

TEST(keyframesTopKTiesToEarlierInTimeOrder) {
  const auto s = torch::tensor({1.0, 3.0, 3.0, 2.0, 3.0});
  CHECK(selectKeyframes(s, 2) == V({1, 2}));
  CHECK(selectKeyframes(s, 3) == V({1, 2, 4}));
  CHECK(selectKeyframes(s, 4) == V({1, 2, 3, 4}));
  CHECK(selectKeyframes(s, 10) == V({0, 1, 2, 3, 4}));  // k' = min(k, T)
  CHECK(selectKeyframes(torch::tensor({0.5, -1.0, 7.0}), 1) == V({2}));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(selectKeyframes(torch::tensor({nan, -5.0, nan, -6.0}), 2) == V({1, 3}));
  CHECK_THROWS_WITH(selectKeyframes(s, 0), "at least 1");
  CHECK_THROWS_WITH(selectKeyframes(torch::zeros({2, 2}), 1), "one per frame");
  // Ranking by probability can differ from ranking by logit.
  LocalizerScores scores;
  scores.yesLogit = torch::tensor({2.0, 1.0, 0.0});
  scores.yesProb = torch::tensor({0.1, 0.2, 0.7});
  CHECK(selectKeyframes(scores, 1, KeyframeRanking::YesLogit) == V({0}));
  CHECK(selectKeyframes(scores, 1, KeyframeRanking::YesProbability) == V({2}));
}

TEST(promptIdsFromText) {
  const auto tok = T5Tokenizer::load(kTokenizer);
  const std::vector<std::string> choices{"he wants to play.", "three.", "a ball.", "red.", "the dog."};
  const auto p =
      localizerPromptIds(tok, PromptFamily::MultipleChoice, "why did the boy pick up the ball?", choices);
  CHECK(p.framePrefix == V({37, 5, 3}));  // [▁Frame, :, ▁], no EOS
  REQUIRE(!p.text.empty());
  CHECK_EQ(p.text.back(), int64_t{1});
  CHECK(p.text == tok.truncate(tok.encode(localizerPrompt(PromptFamily::MultipleChoice,
                                                          "why did the boy pick up the ball?", choices))));
  // A prompt longer than 77 tokens loses its end and keeps EOS last.
  const std::vector<std::string> longChoices(5, "he wants to play with the ball in the garden of the house.");
  const auto full = tok.encode(
      localizerPrompt(PromptFamily::MultipleChoice, "why did the boy pick up the ball?", longChoices));
  REQUIRE(full.size() > 77);
  const auto cut =
      localizerPromptIds(tok, PromptFamily::MultipleChoice, "why did the boy pick up the ball?", longChoices);
  CHECK_EQ(cut.text.size(), size_t{77});
  CHECK_EQ(cut.text.back(), int64_t{1});
  CHECK(std::equal(cut.text.begin(), cut.text.end() - 1, full.begin()));
}

TEST(allFramesInOneBatchEqualEachFrameAlone) {
  torch::NoGradGuard g;
  const auto prefix = ids("sevila.frame_prefix_ids"), text = ids("sevila.loc_text_ids");
  const auto all = localize(*model(), image(), prefix, text);
  const int64_t frames = image().size(0);
  CHECK(all.yesLogit.sizes() == at::IntArrayRef({frames}));
  CHECK(all.firstLogits.sizes() == at::IntArrayRef({frames, 4352}));
  CHECK_EQ(all.keyframes.size(), size_t{4 < frames ? 4 : static_cast<size_t>(frames)});
  double worst = 0;
  for (int64_t i = 0; i < frames; ++i) {
    const auto one = localize(*model(), image().narrow(0, i, 1), prefix, text);
    worst = std::max(worst, (one.firstLogits[0] - all.firstLogits[i]).abs().max().item<double>());
  }
  std::printf("  batch vs single-frame first-step logits: max|d| %.3e\n", worst);
  CHECK(worst < 1e-4);
  // The scores are what they say: the logit at "yes", its softmax over V, softmax over {yes, no}.
  const auto& l = all.firstLogits;
  CHECK(all.yesLogit.allclose(l.select(1, 4273)));
  CHECK(all.yesProb.allclose(l.softmax(1).select(1, 4273)));
  const auto two = torch::stack({l.select(1, 4273), l.select(1, 150)}, 1).softmax(1).select(1, 0);
  CHECK(all.yesNoProb.allclose(two));
  CHECK((all.yesNoProb > 0).all().item<bool>() && (all.yesNoProb < 1).all().item<bool>());
}

TEST(passesOfFewerRowsEqualOnePass) {
  torch::NoGradGuard g;
  const auto prefix = ids("sevila.frame_prefix_ids"), text = ids("sevila.loc_text_ids");
  const int64_t frames = image().size(0);
  CHECK(frames >= 3);
  SevilaOptions options = model()->options();
  CHECK_EQ(localizerRowsPerPass(model()->network(), options, frames), frames);  // f32: all at once
  const auto all = localize(*model(), image(), prefix, text, options);
  for (const int rows : {1, 2, static_cast<int>(frames) - 1, static_cast<int>(frames) + 5}) {
    options.localizerRows = rows;
    CHECK_EQ(localizerRowsPerPass(model()->network(), options, frames), std::min<int64_t>(rows, frames));
    const auto parts = localize(*model(), image(), prefix, text, options);
    const double d = (parts.firstLogits - all.firstLogits).abs().max().item<double>();
    std::printf("  %d row(s) per pass vs one pass: max|d| %.3e\n", rows, d);
    CHECK(d < 1e-5);
    CHECK(parts.keyframes == all.keyframes);
  }
  options.localizerRows = -1;
  CHECK_THROWS_WITH(localize(*model(), image(), prefix, text, options), "must be positive");
  CHECK_THROWS_WITH(localize(*model(), image().narrow(0, 0, 0), prefix, text), "T >= 1");
}

TEST(theMemorySavingModeScoresSixteenFramesPerPass) {
  torch::NoGradGuard g;
  // bf16 weights under f32 arithmetic (bf16 on a CPU): the automatic pass size is 16 frames.
  const GoldenSevilaCase narrow("tiny-a", c10::Device(c10::kCPU), c10::kBFloat16);
  auto& network = narrow.model->network();
  CHECK(network.weightDtype() == c10::kBFloat16 && network.dtype() == c10::kFloat);
  SevilaOptions options = narrow.model->options();
  CHECK_EQ(localizerRowsPerPass(network, options, 32), int64_t{localizerRowsWhenNarrow});
  CHECK_EQ(localizerRowsPerPass(network, options, 3), int64_t{3});
  options.localizerRows = 32;  // asked for explicitly: honoured
  CHECK_EQ(localizerRowsPerPass(network, options, 32), int64_t{32});
  // Twenty frames (two passes, 16 + 4) score as one pass does.
  const auto prefix = narrow.ids("sevila.frame_prefix_ids"), text = narrow.ids("sevila.loc_text_ids");
  const auto frames =
      torch::cat({narrow.image, narrow.image, narrow.image, narrow.image}, 0).narrow(0, 0, 20);
  options.localizerRows = 0;
  const auto passes = localize(*narrow.model, frames, prefix, text, options);
  options.localizerRows = 20;
  const auto one = localize(*narrow.model, frames, prefix, text, options);
  const double d = (passes.firstLogits - one.firstLogits).abs().max().item<double>();
  std::printf("  bf16 weights, 16 + 4 rows vs 20: max|d| %.3e\n", d);
  CHECK(d < 1e-4);
  CHECK(passes.keyframes == one.keyframes);
  // The ViT in this mode: 20 frames go 8 + 8 + 4 per call, with the result of one call per frame.
  const auto pixels = narrow.inputs.at("pixel_values");
  const auto many = torch::cat({pixels, pixels, pixels, pixels}, 0).narrow(0, 0, 20);
  CHECK(Blip2ModelImpl::vitFramesWhenNarrow < 20);
  const auto encoded = network.encodeFrames(many);
  double worst = 0;
  for (int64_t i = 0; i < 20; i += 7)
    worst = std::max(worst,
                     (encoded[i] - network.encodeFrames(many.narrow(0, i, 1))[0]).abs().max().item<double>());
  std::printf("  bf16 weights, ViT 8 + 8 + 4 frames vs one at a time: max|d| %.3e\n", worst);
  CHECK(worst < 1e-4);
  CHECK(encoded.narrow(0, 0, 6).allclose(narrow.image, 1e-4, 1e-4));
}

TEST(textOverloadMatchesIds) {
  torch::NoGradGuard g;
  const std::vector<std::string> choices{"he wants to play.", "three.", "a ball."};
  const std::string question = "why did the boy pick up the ball?";
  SevilaOptions options = model()->options();
  options.keyframes = 2;
  const auto fromText = localize(*model(), image(), PromptFamily::MultipleChoice, question, choices, options);
  const auto p = localizerPromptIds(model()->tokenizer(), PromptFamily::MultipleChoice, question, choices);
  const auto fromIds = localize(*model(), image(), p.framePrefix, p.text, options);
  CHECK(fromText.firstLogits.equal(fromIds.firstLogits));
  CHECK_EQ(fromText.keyframes.size(), size_t{2});
  CHECK(fromText.keyframes == selectKeyframes(fromText.yesLogit, 2));
}

TEST(refusesBadInputs) {
  torch::NoGradGuard g;
  const auto prefix = ids("sevila.frame_prefix_ids"), text = ids("sevila.loc_text_ids");
  CHECK_THROWS_WITH(localize(*model(), image()[0], prefix, text), "(T, N, W)");
  CHECK_THROWS_WITH(localize(*model(), image(), prefix, V({5, 99999, 1})), "outside the vocabulary");
  CHECK_THROWS_WITH(localize(*model(), image(), V{}, text), "no token ids");
  SevilaModel noTokenizer(model()->networkPtr(), std::nullopt);
  CHECK_THROWS_WITH(
      localize(noTokenizer, image(), PromptFamily::MultipleChoice, "q?", {"a", "b"}, noTokenizer.options()),
      "tokenizer");
}

TEST(lossIgnoresMinus100AndOnlyTrainsTheLocalizer) {
  const auto prefix = ids("sevila.frame_prefix_ids"), text = ids("sevila.loc_text_ids");
  const auto labels = localizerLabels({1, 0, 0, 1, 0, 1}, model()->options());
  CHECK(labels.sizes() == at::IntArrayRef({6, 2}));
  CHECK_EQ(labels[0][0].item<int64_t>(), int64_t{4273});
  CHECK_EQ(labels[1][0].item<int64_t>(), int64_t{150});
  CHECK_EQ(labels[1][1].item<int64_t>(), int64_t{1});
  const auto loss = localizerLoss(*model(), image(), prefix, text, labels);
  CHECK(loss.loss.requires_grad());
  // Mean CE by hand from the returned logits.
  const auto logp = loss.logits.log_softmax(2);
  const auto byHand = -logp.gather(2, labels.unsqueeze(2)).mean();
  CHECK_NEAR(loss.loss.item<double>(), byHand.item<double>(), 1e-5);
  // Ignoring the EOS column: the mean over the first tokens only.
  auto firstOnly = labels.clone();
  firstOnly.select(1, 1).fill_(-100);
  const auto lossFirst = localizerLoss(*model(), image(), prefix, text, firstOnly);
  const auto byHandFirst = -logp.select(1, 0).gather(1, labels.select(1, 0).unsqueeze(1)).mean();
  CHECK_NEAR(lossFirst.loss.item<double>(), byHandFirst.item<double>(), 1e-5);

  const auto grads = localizerGradients(*model(), loss);
  CHECK(grads.count("localizer.language_projection.weight") == 1);
  CHECK(grads.count("localizer.query_tokens") == 1);
  CHECK_EQ(grads.size(), model()->network().localizer->parameters().size());
  CHECK(grads.at("localizer.query_tokens").abs().sum().item<double>() > 0);
  // Nothing was accumulated into any parameter.
  for (const auto& p : model()->network().parameters()) CHECK(!p.grad().defined());
  CHECK_THROWS_WITH(localizerLoss(*model(), image(), prefix, text, labels.narrow(0, 0, 2)), "labels must be");
  CHECK_THROWS_WITH(localizerLoss(*model(), image(), prefix, text, labels + 99999), "outside the vocabulary");
}

MINITEST_MAIN
