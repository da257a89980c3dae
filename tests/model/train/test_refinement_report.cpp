// The before/after report from chain results built by hand: hit rate against human keyframes and
// against QVHighlights windows, the chance rate, R1/mAP through the official metrics, accuracy, the
// questions fixed and broken, and the readable summary.
#include <cmath>
#include <cstdio>

#include "minitest.h"
#include "train/refinement_report.h"

using namespace sevila;

namespace {

// n frames at 1 fps (frame i at i seconds), with yes/no probabilities `p` and keyframes `keys`.
engine::ChainResult result(const std::string& dataset, const std::string& qid, const std::vector<double>& p,
                           const std::vector<int>& keys, int answer, std::optional<int> truth) {
  engine::ChainResult r;
  r.dataset = dataset;
  r.qid = qid;
  r.fps = 1;
  r.duration = static_cast<double>(p.size());
  for (size_t i = 0; i < p.size(); ++i) {
    engine::FrameScore f;
    f.frameIndex = static_cast<int64_t>(i);
    f.seconds = static_cast<double>(i) + 0.5;
    f.yesNoProb = p[i];
    r.frames.push_back(f);
  }
  r.keyframes = keys;
  if (dataset != "qvhighlights") r.options = {"a", "b", "c"};
  r.answer.answer = answer;
  r.groundTruth = truth;
  return r;
}

}  // namespace

TEST(hit_rates_accuracy_fixed_and_broken) {
  train::RelevantMap relevant;
  relevant[train::questionKey("nextqa", "q1")].frames = {2, 3};
  relevant[train::questionKey("nextqa", "q2")].frames = {0};
  const std::vector<double> flat(8, 0.1);
  const std::vector<engine::ChainResult> before = {result("nextqa", "q1", flat, {0, 1}, 0, 1),
                                                   result("nextqa", "q2", flat, {0, 5}, 2, 2),
                                                   result("nextqa", "q3", flat, {1, 2}, 1, 1)};
  const std::vector<engine::ChainResult> after = {result("nextqa", "q1", flat, {2, 3}, 1, 1),
                                                  result("nextqa", "q2", flat, {0, 5}, 1, 2),
                                                  result("nextqa", "q3", flat, {1, 2}, 1, 1)};
  const auto b = train::splitMetrics(before, relevant), a = train::splitMetrics(after, relevant);
  CHECK_EQ(b.withRelevant, 2);
  CHECK_EQ(b.keyframes, 4);
  CHECK_EQ(b.hits, 1);  // q2's frame 0
  CHECK_EQ(a.hits, 3);  // q1's 2 and 3, q2's 0
  CHECK_NEAR(a.hitRate(), 0.75, 1e-12);
  // Chance: q1 2 of 8 relevant, q2 1 of 8, 2 keyframes each: (0.5 + 0.25) / 4.
  CHECK_NEAR(a.chanceHitRate, 0.1875, 1e-12);
  CHECK_NEAR(b.accuracy(), 2.0 / 3.0, 1e-12);
  CHECK_NEAR(a.accuracy(), 2.0 / 3.0, 1e-12);
  train::TrainingRunResult training;
  training.options = {{"role", "localizer"}, {"seed", 42}};
  training.epochsCompleted = 2;
  training.history = {train::StepRecord{0, 0, 0, 2.5, 1e-5, 4, true},
                      train::StepRecord{1, 1, 0, 1.5, 2e-5, 4, true}};
  const auto report = train::refinementReport(before, after, relevant, training, {{"model", "tiny"}});
  CHECK_EQ(report.at("held_out").at("fixed").size(), 1u);   // q1
  CHECK_EQ(report.at("held_out").at("broken").size(), 1u);  // q2
  CHECK_EQ(report.at("held_out").at("fixed")[0].at("qid").get<std::string>(), std::string("q1"));
  // q1's answer was fixed with its keyframes: 0 of 2 relevant before, 2 of 2 after; q2's did not move.
  CHECK_EQ(report.at("held_out").at("fixed")[0].at("keyframe_hits_before").get<int>(), 0);
  CHECK_EQ(report.at("held_out").at("fixed")[0].at("keyframe_hits_after").get<int>(), 2);
  CHECK_EQ(report.at("held_out").at("broken")[0].at("keyframe_hits_before").get<int>(), 1);
  CHECK_EQ(report.at("held_out").at("broken")[0].at("keyframe_hits_after").get<int>(), 1);
  CHECK_EQ(report.at("held_out").at("keyframes_changed").size(), 1u);
  CHECK_EQ(report.at("curves").size(), 2u);
  const std::string md = train::reportSummary(report);
  CHECK(md.find("| keyframe hit rate | 25.0 % | 75.0 % |") != std::string::npos);
  CHECK(md.find("1 questions fixed, 1 broken") != std::string::npos);
  std::printf("%s", md.c_str());
}

TEST(qvhighlights_windows_give_r1_and_map) {
  train::RelevantMap relevant;
  relevant[train::questionKey("qvhighlights", "v1")].windows = {{2.0, 4.0}};
  // Before: frame 6 alone positive, window [6, 7]: IoU 0 with [2, 4]. After: frames 2 and 3 positive,
  // window [2, 4] exactly.
  const auto before = result("qvhighlights", "v1", {.1, .1, .1, .1, .1, .1, .9, .1}, {6}, -1, std::nullopt);
  const auto after = result("qvhighlights", "v1", {.1, .1, .9, .9, .1, .1, .1, .1}, {2, 3}, -1, std::nullopt);
  const auto b = train::splitMetrics({before}, relevant), a = train::splitMetrics({after}, relevant);
  REQUIRE(b.momentRetrieval.has_value());
  REQUIRE(a.momentRetrieval.has_value());
  CHECK_NEAR(b.momentRetrieval->r1At05(), 0.0, 1e-12);  // the official figures are percentages
  CHECK_NEAR(a.momentRetrieval->r1At05(), 100.0, 1e-9);
  CHECK_NEAR(a.momentRetrieval->mapAvg(), 100.0, 1e-9);
  // Frames 2 and 3 (times 2 and 3 by index / fps) lie inside [2, 4]: both keyframes hit.
  CHECK_EQ(a.hits, 2);
  CHECK_EQ(b.hits, 0);
  CHECK(std::isnan(a.accuracy()));  // no answers in moment retrieval
  const auto j = a.toJson();
  CHECK_NEAR(j.at("qvhighlights").at("R1@0.5").get<double>(), 100.0, 1e-9);
}

MINITEST_MAIN
