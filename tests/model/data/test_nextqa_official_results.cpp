// NExT-QA's official {"<video>_<qid>": {"prediction", "answer"}} file, typed through the annotations.
#include "data/nextqa_official_results.h"

#include "data/mc_accuracy.h"
#include "data/nextqa_reader.h"
#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

TEST(scoresThroughTheAnnotationTypes) {
  const DatasetRead ann = readNextQa(datatest::sample("nextqa/val_sample.csv"));
  // 4010069381_6 CH answer 0 (right), 4882821564_1 CW answer 2 (wrong), 6329077812_7 TP answer 4 (right),
  // 3261079025_6 TP answer 3 (wrong).
  const std::string path = datatest::scratch("nextqa_official.json",
                                             "{\n"
                                             "  \"4010069381_6\": {\"prediction\": 0, \"answer\": 0},\n"
                                             "  \"4882821564_1\": {\"prediction\": 1, \"answer\": 2},\n"
                                             "  \"6329077812_7\": {\"prediction\": 4, \"answer\": 4},\n"
                                             "  \"3261079025_6\": {\"prediction\": 0, \"answer\": 3}\n"
                                             "}\n");
  const McJoin join = readNextQaOfficialResults(path, ann.items);
  CHECK(join.skipped.empty());
  REQUIRE(join.records.size() == 4u);
  CHECK_EQ(join.annotatedWithoutResult, 24);
  const McAccuracyReport r = computeMcAccuracy(join.records, McScheme::NextQa);
  // overall 2/4; Causal (CH 1/1 + CW 0/1) = 1/2; Temporal = TN incl. TP = 1/2
  CHECK_EQ(percent2(r.headline), 50.0);
  CHECK_EQ(r.groups[0].total, 2);
  CHECK_EQ(r.groups[1].total, 2);
  CHECK_EQ(r.groups[1].correct, 1);
  CHECK_EQ(r.types[2].name, std::string("TN"));
  CHECK_EQ(r.types[2].total, 2);
}

TEST(hostileEntries) {
  const DatasetRead ann = readNextQa(datatest::sample("nextqa/val_sample.csv"));
  const std::string path = datatest::scratch("nextqa_official_bad.json",
                                             "{\n"
                                             "  \"1_1\": {\"prediction\": 0, \"answer\": 0},\n"
                                             "  \"4882821564_1\": {\"prediction\": \"1\", \"answer\": 2},\n"
                                             "  \"6329077812_7\": {\"prediction\": 4, \"answer\": 1},\n"
                                             "  \"3261079025_6\": [0, 3]\n"
                                             "}\n");
  const McJoin join = readNextQaOfficialResults(path, ann.items);
  CHECK(join.records.empty());
  REQUIRE(join.skipped.size() == 4u);
  // nlohmann sorts object keys: "1_1", "3261079025_6", "4882821564_1", "6329077812_7".
  CHECK_EQ(join.skipped[0].line, 2);
  CHECK_EQ(join.skipped[1].line, 5);
  CHECK_EQ(join.skipped[1].field, std::string("json"));
  CHECK_EQ(join.skipped[2].field, std::string("prediction"));
  CHECK_EQ(join.skipped[3].field, std::string("answer"));
  CHECK_THROWS_WITH(readNextQaOfficialResults(datatest::scratch("official_list.json", "[1]"), ann.items),
                    "expected one JSON object");
}

MINITEST_MAIN
