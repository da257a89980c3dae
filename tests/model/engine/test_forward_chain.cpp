// The forward chain on the tiny golden model (random weights, real formats) and real small videos.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>

#include <c10/util/Exception.h>
#include <torch/torch.h>

#include "engine/feature_cache.h"
#include "engine/forward_chain.h"
#include "media/frame_reader.h"
#include "minitest.h"
#include "temp_dir.h"
#include "tiny_model.h"
#include "nn/sevila_model.h"

namespace fs = std::filesystem;
using namespace sevila::engine;

namespace {
const std::string kData = SEVILA_TEST_DATA;

using testmodel::tinyModel;

Question question() {
  Question q;
  q.qid = "DO_1_0";
  q.question = "what does the person hold?";
  q.options = {"a pen", "a cup", "a phone", "a book"};
  q.answer = 0;
  return q;
}

using sevila::testing::TempDir;
}  // namespace

TEST(chainScoresEveryFrameAndAnswersFromTopKInTimeOrder) {
  TempDir dir;
  SevilaEngine engine(tinyModel(), std::make_shared<FeatureCache>(dir.path(), 1 << 26));
  ChainOptions options;
  options.frames = 8;
  options.keyframes = 3;
  options.baselines = true;
  std::vector<std::string> stages;
  const ChainResult r = engine.run(kData + "/media/pens.mp4", question(), options, nullptr,
                                   [&](double, const std::string& stage) { stages.push_back(stage); });
  CHECK_EQ(r.frameCount, int64_t(64));
  CHECK_EQ(r.device, std::string("cpu"));  // provenance: where and in which precision it ran
  CHECK_EQ(r.precision, std::string("f32"));
  REQUIRE(r.frames.size() == 8);
  // Middle-of-interval sampling over 64 frames: 4, 12, ..., 60.
  for (size_t i = 0; i < 8; ++i) CHECK_EQ(r.frames[i].frameIndex, int64_t(4 + 8 * i));
  REQUIRE(r.keyframes.size() == 3);
  CHECK(std::is_sorted(r.keyframes.begin(), r.keyframes.end()));
  // The keyframes are the three best yes-logits.
  std::vector<double> logits;
  for (const auto& f : r.frames) logits.push_back(f.yesLogit);
  std::vector<double> sorted = logits;
  std::sort(sorted.rbegin(), sorted.rend());
  for (int k : r.keyframes) CHECK(logits[k] >= sorted[2]);
  double sum = 0;
  for (double p : r.answer.probabilities) sum += p;
  CHECK_NEAR(sum, 1.0, 1e-5);  // an fp32 softmax
  CHECK_EQ(r.answer.probabilities.size(), size_t(4));
  CHECK(r.answer.answer >= 0 && r.answer.answer < 4);
  CHECK_EQ(r.frameAnswers.size(), size_t(8));
  CHECK(r.voting.has_value() && r.oracle.has_value() && r.concat.has_value());
  CHECK(std::find(stages.begin(), stages.end(), "localizer") != stages.end());
  CHECK_EQ(engine.framesEncoded(), int64_t(8 + 3));  // the sampled grid, then concat's 3 uniform frames
}

TEST(secondQuestionAndWhatIfReuseTheVisionFeatures) {
  TempDir dir;
  auto cache = std::make_shared<FeatureCache>(dir.path(), 1 << 26);
  ChainOptions options;
  options.frames = 8;
  options.keyframes = 2;
  const ChainResult first =
      SevilaEngine(tinyModel(), cache).run(kData + "/media/pens.mp4", question(), options);
  SevilaEngine engine(tinyModel(), cache);  // a new session: only the disk cache is shared
  Question other = question();
  other.question = "where is the pen?";
  const ChainResult second = engine.run(kData + "/media/pens.mp4", other, options);
  CHECK_EQ(engine.framesEncoded(), int64_t(0));
  CHECK_EQ(engine.framesFromCache(), int64_t(8));
  // Same frames, same features: the Localizer's scores for the same question would be equal.
  const auto whatIf = engine.answerWithFrames(kData + "/media/pens.mp4",
                                              {second.frames[5].frameIndex, second.frames[1].frameIndex},
                                              question(), options);
  CHECK_EQ(engine.framesEncoded(), int64_t(0));
  CHECK_EQ(whatIf.probabilities.size(), size_t(4));
  CHECK_EQ(first.frames.size(), second.frames.size());
}

TEST(baselinesOnDemandEqualBaselinesComputedWithTheRun) {
  TempDir dir;
  auto cache = std::make_shared<FeatureCache>(dir.path(), 1 << 26);
  ChainOptions options;
  options.frames = 8;
  options.keyframes = 3;
  options.baselines = true;
  const ChainResult together =
      SevilaEngine(tinyModel(), cache).run(kData + "/media/pens.mp4", question(), options);

  SevilaEngine engine(tinyModel(), cache);
  options.baselines = false;
  ChainResult later = engine.run(kData + "/media/pens.mp4", question(), options);
  CHECK(later.frameAnswers.empty());
  CHECK(!later.voting && !later.oracle && !later.concat);
  const OptionScores answerBefore = later.answer;
  engine.addBaselines(later, question(), options);
  CHECK(engine.framesEncoded() == 0);  // the grid and concat's frames came from the cache
  CHECK(later.frameAnswers == together.frameAnswers);
  REQUIRE(later.voting && later.oracle && later.concat);
  CHECK_EQ(*later.voting, *together.voting);
  CHECK_EQ(*later.oracle, *together.oracle);
  CHECK_EQ(later.concat->answer, together.concat->answer);
  for (size_t i = 0; i < later.concat->probabilities.size(); ++i)
    CHECK_NEAR(later.concat->probabilities[i], together.concat->probabilities[i], 1e-6);
  CHECK(later.answer.probabilities == answerBefore.probabilities);  // the run's own answer is kept

  // Single-frame answers with the run (the studio's oracle strip): voting and the oracle come with them,
  // and the baselines on demand then only add concat.
  options.frameAnswers = true;
  ChainResult strip = engine.run(kData + "/media/pens.mp4", question(), options);
  CHECK(strip.frameAnswers == together.frameAnswers);
  REQUIRE(strip.voting && strip.oracle);
  CHECK_EQ(*strip.voting, *together.voting);
  CHECK(!strip.concat);
  engine.addBaselines(strip, question(), options);
  REQUIRE(strip.concat);
  CHECK_EQ(strip.concat->answer, together.concat->answer);

  ChainResult empty;
  empty.video = kData + "/media/pens.mp4";
  CHECK_THROWS_WITH(engine.addBaselines(empty, question(), options), "no sampled frames");
}

TEST(questionsOnOneVideoAnsweredTogetherGetTheirOwnResults) {
  ChainOptions options;
  options.frames = 8;
  options.keyframes = 3;
  options.frameAnswers = true;
  std::vector<Question> questions(5, question());
  questions[1].qid = "DO_1_1";
  questions[1].question = "why?";
  questions[1].options = {"to write", "to eat"};
  questions[1].answer = 1;
  questions[2].qid = "DO_1_2";  // another clip: other frames, its own passes
  questions[2].clip = sevila::media::ClipWindow{0.5, 1.5};
  questions[3].qid = "DO_1_3";
  questions[3].question = "what does the person do with the pen while sitting at the wooden desk?";
  questions[3].options = {"writes", "reads", "eats", "sleeps", "sings"};
  questions[3].answer = 4;
  questions[4].qid = "QVH_1";  // moment retrieval: frame scores only
  questions[4].family = sevila::nn::PromptFamily::QvHighlights;
  questions[4].question = "a person holds a pen";
  questions[4].options.clear();
  questions[4].answer.reset();

  SevilaEngine grouped(tinyModel(), nullptr);
  std::vector<double> fractions;
  const auto together = grouped.runGroup(kData + "/media/pens.mp4", questions, options, nullptr,
                                         [&](double f, const std::string&) { fractions.push_back(f); });
  REQUIRE(together.size() == questions.size());
  for (size_t i = 1; i < fractions.size(); ++i) CHECK(fractions[i] >= fractions[i - 1] - 1e-12);
  CHECK_EQ(fractions.back(), 1.0);
  // Two grids (the clip's and the whole video's), each encoded once.
  CHECK_EQ(grouped.framesEncoded(), int64_t(8 + 8));

  SevilaEngine single(tinyModel(), nullptr);
  double worst = 0;
  for (size_t i = 0; i < questions.size(); ++i) {
    const ChainResult alone = single.run(kData + "/media/pens.mp4", questions[i], options);
    const ChainResult& r = together[i];
    CHECK_EQ(r.qid, questions[i].qid);
    CHECK_EQ(r.video, kData + "/media/pens.mp4");
    REQUIRE(r.frames.size() == alone.frames.size());
    for (size_t f = 0; f < r.frames.size(); ++f) {
      CHECK_EQ(r.frames[f].frameIndex, alone.frames[f].frameIndex);
      worst = std::max({worst, std::abs(r.frames[f].yesLogit - alone.frames[f].yesLogit),
                        std::abs(r.frames[f].yesNoProb - alone.frames[f].yesNoProb)});
    }
    CHECK(r.keyframes == alone.keyframes);
    CHECK_EQ(r.answer.answer, alone.answer.answer);
    REQUIRE(r.answer.probabilities.size() == alone.answer.probabilities.size());
    for (size_t o = 0; o < r.answer.probabilities.size(); ++o)
      worst = std::max(worst, std::abs(r.answer.probabilities[o] - alone.answer.probabilities[o]));
    CHECK(r.frameAnswers == alone.frameAnswers);
    CHECK(r.voting == alone.voting);
    CHECK(r.oracle == alone.oracle);
  }
  std::printf("  5 questions on pens.mp4 (2 grids): together vs one at a time max|d| %.3e\n", worst);
  CHECK(worst < 1e-4);
  CHECK(together[2].frames.front().frameIndex != together[0].frames.front().frameIndex);
  CHECK(together[4].answer.probabilities.empty() && together[4].frameAnswers.empty());
  CHECK_EQ(together[1].answer.probabilities.size(), size_t(2));
  // A group of one is run() itself.
  const auto one = single.runGroup(kData + "/media/pens.mp4", {questions[3]}, options);
  const ChainResult alone = single.run(kData + "/media/pens.mp4", questions[3], options);
  CHECK(one.front().answer.logits == alone.answer.logits);
}

TEST(aBadQuestionFailsTheGroupBeforeAnyWork) {
  SevilaEngine engine(tinyModel(), nullptr);
  std::vector<Question> questions(2, question());
  questions[1].options = {"only one"};
  CHECK_THROWS_WITH(engine.runGroup(kData + "/media/pens.mp4", questions, ChainOptions{}), "2 to 5 options");
  CHECK_EQ(engine.framesEncoded(), int64_t(0));
  CHECK(engine.runGroup(kData + "/media/pens.mp4", {}, ChainOptions{}).empty());
}

// A video whose frames cannot be read for want of device memory: what a CUDA allocation failure in the
// vision encoder looks like to the engine.
class OutOfMemoryFrames : public sevila::media::FrameSource {
public:
  explicit OutOfMemoryFrames(const std::string& path) : m_reader(path) {}
  const sevila::media::VideoInfo& info() const override { return m_reader.info(); }
  const sevila::media::FrameIndex& index() const override { return m_reader.index(); }
  std::vector<sevila::media::RgbImage> read(const std::vector<int64_t>&,
                                            const sevila::media::FrameFormat&) override {
    throw c10::OutOfMemoryError(c10::SourceLocation{__func__, __FILE__, static_cast<uint32_t>(__LINE__)},
                                "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total)\n"
                                "If reserved but unallocated memory is large try setting ...");
  }
  std::vector<std::string> warnings() const override { return m_reader.warnings(); }

private:
  sevila::media::FrameReader m_reader;
};

TEST(runningOutOfMemorySaysWhatRanOutAndWhatToChange) {
  SevilaEngine engine(tinyModel(), nullptr);
  OutOfMemoryFrames frames(kData + "/media/pens.mp4");
  ChainOptions options;
  options.frames = 8;
  const auto expectExplained = [](const std::function<void()>& body, const std::string& what) {
    try {
      body();
      CHECK(false);
    } catch (const sevila::Error& e) {
      const std::string text = e.what();
      CHECK(text.find("cpu: out of memory " + what) == 0);
      CHECK(text.find("(CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total))") !=
            std::string::npos);
      CHECK(text.find("reserved but unallocated") == std::string::npos);  // LibTorch's advice is not ours
      CHECK(e.hint().find("fewer questions at once") != std::string::npos);
    }
  };
  expectExplained(
      [&] {
        engine.runGroup(frames, {question(), question()}, options);
      },
      "answering 2 questions on " + kData + "/media/pens.mp4");
  expectExplained([&] { engine.run(frames, question(), options); },
                  "answering 1 question on " + kData + "/media/pens.mp4");
  expectExplained(
      [&] {
        engine.answerWithFrames(frames, {1, 5}, question(), options);
      },
      "answering on chosen frames of " + kData + "/media/pens.mp4");
}

TEST(shortVideoIsNeverDropped) {
  SevilaEngine engine(tinyModel(), nullptr);
  ChainOptions options;  // 32 frames, 4 keyframes asked of a 2-frame video
  const ChainResult r = engine.run(kData + "/media/sage-example.mp4", question(), options);
  CHECK_EQ(r.frames.size(), size_t(2));
  CHECK_EQ(r.keyframes.size(), size_t(2));
  CHECK(r.answer.answer >= 0);
}

TEST(cancelStopsTheChain) {
  SevilaEngine engine(tinyModel(), nullptr);
  CancelToken token;
  ChainOptions options;
  options.frames = 8;
  bool threw = false;
  try {
    engine.run(kData + "/media/pens.mp4", question(), options, &token, [&](double f, const std::string&) {
      if (f > 0.1) token.cancel();
    });
  } catch (const Cancelled&) {
    threw = true;
  }
  CHECK(threw);
}

TEST(badQuestionsAreRefused) {
  SevilaEngine engine(tinyModel(), nullptr);
  Question q = question();
  q.options = {"only one"};
  CHECK_THROWS_WITH(engine.run(kData + "/media/pens.mp4", q, ChainOptions{}), "2 to 5 options");
  q = question();
  q.answer = 7;
  CHECK_THROWS_WITH(engine.run(kData + "/media/pens.mp4", q, ChainOptions{}), "not an option index");
  CHECK_THROWS_WITH(engine.run(kData + "/media/missing.mp4", question(), ChainOptions{}), "missing.mp4");
}

MINITEST_MAIN
