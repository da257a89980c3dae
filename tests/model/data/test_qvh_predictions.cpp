// QVHighlights predictions (official submission jsonl) scored against real val ground truth.
#include "data/qvh_predictions.h"

#include "data/qvhighlights_reader.h"
#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

TEST(readsAndScoresAgainstRealGroundTruth) {
  const DatasetRead gtRead = readQvHighlights(datatest::sample("qvhighlights/val_sample.jsonl"));
  const std::vector<MrGroundTruth> gt = groundTruthFromItems(gtRead.items);
  REQUIRE(gt.size() == 20u);
  // qid 2579 gt [82,150]: first listed [82,150] -> IoU 1.
  // qid 5071 gt [118,136] given as "QVHighlight_5071": first listed [120,136] -> 16/18 = 0.889 (hit at 0.7).
  // qid 5342 gt [56,76],[96,150]: first listed [60,100] -> IoU with [56,76]: 16/44 = 0.364,
  //   with [96,150]: 4/(40+54-4) = 0.044 -> miss at 0.5.
  const std::string path = datatest::scratch(
      "qvh_pred.jsonl",
      R"({"qid": 2579, "vid": "NUsG9BgSes0_210.0_360.0", "pred_relevant_windows": [[82, 150, 0.9], [0, 10, 0.95]]})"
      "\n"
      R"({"qid": "QVHighlight_5071", "pred_relevant_windows": [[120, 136, 0.5]]})"
      "\n"
      R"({"qid": 5342, "pred_relevant_windows": [[60, 100, 0.7]]})"
      "\n");
  const QvhPredictionsRead read = readQvhPredictions(path);
  CHECK(read.skipped.empty());
  REQUIRE(read.predictions.size() == 3u);
  CHECK_EQ(read.predictions[1].qid, std::string("5071"));
  const MrReport r = evaluateMomentRetrieval(read.predictions, gt);
  CHECK_EQ(r.queries, 3);
  CHECK_EQ(r.withoutPrediction, 17);
  // R1@0.5 = 2/3 = 66.67, R1@0.7 = 2/3 = 66.67
  CHECK_EQ(r.r1At05(), 66.67);
  CHECK_EQ(r.r1At07(), 66.67);
  // mAP@0.5: 2579: sorted [0,10] (0.95, FP) then [82,150] (TP): P [0, 1/2], R [0, 1] -> 0.5;
  //   5071: 1; 5342: [60,100] no match -> 0.  Mean (0.5 + 1 + 0) / 3 = 0.5 -> 50.00
  CHECK_EQ(r.map05(), 50.0);
  // mAP@0.75: 5071's IoU 0.889 still >= 0.75 -> same 50.00; at 0.9 and 0.95 it fails.
  CHECK_EQ(r.map075(), 50.0);
  // mAP = mean over thresholds: 2579 gives 0.5 at all 10, 5071 gives 1 at 0.5..0.85 (8 thresholds),
  // 5342 gives 0: per-query means 0.5, 0.8, 0 -> (0.5 + 0.8 + 0) / 3 = 0.43333 -> 43.33
  CHECK_EQ(r.mapAvg(), 43.33);
}

TEST(hostileLinesAndUnlabelledGroundTruth) {
  const std::string path =
      datatest::scratch("qvh_pred_bad.jsonl", R"({"qid": "abc", "pred_relevant_windows": [[1, 2, 0.5]]})"
                                              "\n"
                                              R"({"qid": 1, "pred_relevant_windows": [[1, 2]]})"
                                              "\n"
                                              R"({"qid": 3, "pred_relevant_windows": [[1, "2", 0.3]]})"
                                              "\n"
                                              R"({"qid": 4, "pred_relevant_windows": {}})"
                                              "\n"
                                              R"({"qid": 5, "pred_relevant_windows": [[1, 2, 0.3]]})"
                                              "\n");
  const QvhPredictionsRead read = readQvhPredictions(path);
  REQUIRE(read.predictions.size() == 1u);
  REQUIRE(read.skipped.size() == 4u);
  CHECK_EQ(read.skipped[0].field, std::string("qid"));
  CHECK_EQ(read.skipped[1].field, std::string("pred_relevant_windows[0]"));
  CHECK_EQ(read.skipped[2].field, std::string("pred_relevant_windows[0][1]"));
  CHECK_EQ(read.skipped[3].field, std::string("pred_relevant_windows"));
  DatasetItem unlabelled;
  unlabelled.sourceId = "7";
  CHECK_THROWS_WITH(groundTruthFromItems({unlabelled}), "has no relevant_windows");
}

// The official evaluation keeps a row whose window ends before it starts and scores that window (IoU 0),
// so the row's other windows still count: the row is kept with a warning, not dropped.
TEST(invertedWindowsAreScoredAsTheOfficialEvaluationDoes) {
  const DatasetRead gtRead = readQvHighlights(datatest::sample("qvhighlights/val_sample.jsonl"));
  const std::vector<MrGroundTruth> gt = groundTruthFromItems(gtRead.items);
  // qid 2579 gt [82,150]: first listed [100,90] is inverted (a miss for R1); mAP sorts by score:
  // [100,90] (0.9) FP, then [82,150] (0.5) TP: P [0, 1/2], R [0, 1] -> AP 0.5 at every threshold.
  const std::string path = datatest::scratch(
      "qvh_pred_inverted.jsonl", R"({"qid": 2579, "pred_relevant_windows": [[100, 90, 0.9], [82, 150, 0.5]]})"
                                 "\n");
  const QvhPredictionsRead read = readQvhPredictions(path);
  CHECK(read.skipped.empty());
  REQUIRE(read.predictions.size() == 1u);
  REQUIRE(read.warnings.size() == 1u);
  CHECK(
      read.warnings[0].find("qvh_pred_inverted.jsonl:1: qid 2579 pred_relevant_windows[0] [100,90,0.9] ends "
                            "before it starts") != std::string::npos);
  const MrReport r = evaluateMomentRetrieval(read.predictions, gt);
  CHECK_EQ(r.queries, 1);
  CHECK_EQ(r.r1At05(), 0.0);
  CHECK_EQ(r.map05(), 50.0);
  CHECK_EQ(r.mapAvg(), 50.0);
  // Listed second, the inverted window changes nothing for R1.
  const std::string second =
      datatest::scratch("qvh_pred_inverted2.jsonl",
                        R"({"qid": 2579, "pred_relevant_windows": [[82, 150, 0.5], [100, 90, 0.9]]})"
                        "\n");
  CHECK_EQ(evaluateMomentRetrieval(readQvhPredictions(second).predictions, gt).r1At05(), 100.0);
}

MINITEST_MAIN
