// Two versions' results compared per question: fixed, broken, changed answers and keyframes.
#include <nlohmann/json.hpp>

#include "engine/result_comparison.h"
#include "minitest.h"

using namespace sevila::engine;

namespace {
// A result on an 8-frame grid (frame index 10 * position) with keyframes at `positions`.
ChainResult result(const std::string& qid, int answer, std::optional<int> truth, std::vector<int> positions) {
  ChainResult r;
  r.dataset = "nextqa";
  r.qid = qid;
  r.groundTruth = truth;
  r.answer.answer = answer;
  for (int p = 0; p < 8; ++p) r.frames.push_back({int64_t(10 * p), 0.4 * p, 0, 0.5, 0.5});
  r.keyframes = std::move(positions);
  return r;
}
}  // namespace

TEST(countsFixedBrokenAndChangedQuestions) {
  const std::vector<ChainResult> before = {
      result("a", 0, 1, {1, 2}),             // wrong -> right: fixed
      result("b", 1, 1, {3, 4}),             // right -> wrong: broken
      result("c", 2, 1, {5, 6}),             // wrong -> other wrong, same keyframes
      result("d", 3, std::nullopt, {0, 7}),  // no truth, keyframes move
      result("e", 4, 4, {2, 3}),             // unchanged
      result("gone", 0, 0, {0, 1}),
  };
  const std::vector<ChainResult> after = {
      result("e", 4, 4, {2, 3}), result("d", 3, std::nullopt, {0, 6}),
      result("c", 3, 1, {5, 6}), result("b", 2, 1, {3, 4}),
      result("a", 1, 1, {1, 5}), result("new", 0, 0, {0, 1}),
  };
  const ResultComparison c = compareResults(before, after);
  CHECK_EQ(c.common, 5);
  CHECK_EQ(c.onlyBefore, 1);
  CHECK_EQ(c.onlyAfter, 1);
  CHECK_EQ(c.withGroundTruth, 4);
  CHECK_EQ(c.rightBefore, 2);  // b, e
  CHECK_EQ(c.rightAfter, 2);   // a, e
  CHECK_EQ(c.fixed, 1);
  CHECK_EQ(c.broken, 1);
  CHECK_EQ(c.answersChanged, 3);    // a, b, c
  CHECK_EQ(c.keyframesChanged, 2);  // a, d
  REQUIRE(c.changes.size() == 4);   // in the after file's order: d, c, b, a
  CHECK_EQ(c.changes[0].qid, std::string("d"));
  CHECK(!c.changes[0].answerChanged && c.changes[0].keyframesChanged);
  CHECK_EQ(c.changes[0].keyframesBefore, (std::vector<int64_t>{0, 70}));
  CHECK_EQ(c.changes[0].keyframesAfter, (std::vector<int64_t>{0, 60}));
  CHECK_NEAR(c.changes[0].keyframeChange, 0.5, 1e-12);
  CHECK(c.changes[3].fixed && !c.changes[3].broken && c.changes[3].qid == "a");
  CHECK(c.changes[2].broken && c.changes[2].qid == "b");
  CHECK(!c.changes[1].fixed && !c.changes[1].broken && c.changes[1].answerChanged);
  const nlohmann::json j = c.toJson();
  CHECK_EQ(j.at("fixed").get<int>(), 1);
  CHECK_EQ(j.at("changes").size(), size_t(4));
  CHECK(j.at("changes")[0].at("ground_truth").is_null());
  CHECK(c.summary().find("accuracy 50.0 % -> 50.0 % on 4") != std::string::npos);
  CHECK(c.summary().find("1 fixed, 1 broken") != std::string::npos);
}

TEST(keyframeFramesAreSortedAbsoluteIndices) {
  CHECK_EQ(keyframeFrames(result("x", 0, 0, {6, 1, 9})),
           (std::vector<int64_t>{10, 60}));  // 9 is off the grid
}

MINITEST_MAIN
