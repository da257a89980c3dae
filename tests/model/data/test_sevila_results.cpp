// Our results JSONL and its join with the annotations.
#include "data/sevila_results.h"

#include "data/nextqa_reader.h"
#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

TEST(readsMinimalAndExtraFields) {
  const std::string path = datatest::scratch(
      "results_ok.jsonl",
      R"({"qid": "CH_4010069381_6", "prediction": 0, "answer": 0, "type": "CH", "dataset": "nextqa", "frames": [1, 2]})"
      "\n"
      R"({"qid": "CW_4882821564_1", "prediction": 1})"
      "\n");
  const SevilaResultsRead read = readSevilaResults(path);
  CHECK(read.skipped.empty());
  REQUIRE(read.results.size() == 2u);
  CHECK_EQ(read.results[0].type, std::string("CH"));
  CHECK_EQ(read.results[0].dataset, std::string("nextqa"));
  CHECK_EQ(*read.results[0].answer, 0);
  CHECK(!read.results[1].answer.has_value());
  CHECK_EQ(read.results[1].line, 2);
}

TEST(hostileLines) {
  const std::string path =
      datatest::scratch("results_bad.jsonl", R"({"qid": "a", "prediction": "1"})"
                                             "\n"
                                             R"({"prediction": 1})"
                                             "\n"
                                             R"({"qid": "c", "prediction": null})"
                                             "\n"
                                             R"({"qid": "d", "prediction": 1)"
                                             "\n"
                                             R"({"qid": "e", "prediction": 1, "answer": 2})"
                                             "\n"
                                             R"({"qid": "e", "prediction": 1, "answer": 2})"
                                             "\n");
  const SevilaResultsRead read = readSevilaResults(path);
  REQUIRE(read.results.size() == 1u);
  REQUIRE(read.skipped.size() == 5u);
  CHECK_EQ(read.skipped[0].field, std::string("prediction"));
  CHECK_EQ(read.skipped[1].field, std::string("qid"));
  CHECK_EQ(read.skipped[2].field, std::string("prediction"));
  CHECK_EQ(read.skipped[2].reason, std::string("is null"));
  CHECK_EQ(read.skipped[3].field, std::string("json"));
  CHECK_EQ(read.skipped[4].line, 6);
  CHECK_EQ(read.skipped[4].field, std::string("qid"));
  ReadOptions strict;
  strict.strict = true;
  CHECK_THROWS_WITH(readSevilaResults(path, strict), "results_bad.jsonl:1: field 'prediction'");
}

TEST(joinWithAnnotations) {
  const DatasetRead ann = readNextQa(datatest::sample("nextqa/val_sample.csv"));
  // Line 2: CH_4010069381_6 answer 0; line 3: CW_4882821564_1 answer 2; line 22: TP_6329077812_7 answer 4.
  std::vector<SevilaResult> results = {
      {"CH_4010069381_6", 0, std::nullopt, "", "", "r.jsonl", 1},
      {"CW_4882821564_1", 1, 2, "CW", "", "r.jsonl", 2},
      {"TP_6329077812_7", 4, std::nullopt, "", "", "r.jsonl", 3},
      {"CW_1_1", 1, 1, "", "", "r.jsonl", 4},                      // not annotated
      {"DO_7999756100_4", 0, 3, "", "", "r.jsonl", 5},             // answer contradicts (it is 0)
      {"CW_4260763967_4", 7, std::nullopt, "", "", "r.jsonl", 6},  // prediction beyond 5 options
  };
  const McJoin join = joinResults(results, &ann.items, "nextqa");
  REQUIRE(join.records.size() == 3u);
  CHECK_EQ(join.records[0].answer, 0);
  CHECK_EQ(join.records[0].type, std::string("CH"));
  CHECK_EQ(join.records[2].type, std::string("TP"));
  REQUIRE(join.skipped.size() == 3u);
  CHECK_EQ(join.skipped[0].field, std::string("qid"));
  CHECK_EQ(join.skipped[1].field, std::string("answer"));
  CHECK_EQ(join.skipped[2].field, std::string("prediction"));
  CHECK_EQ(join.annotatedWithoutResult, 28 - 3);
  // Without annotations: the type comes from the qid prefix for nextqa/star; no answer -> not scorable.
  const McJoin bare =
      joinResults({{"TP_6329077812_7", 4, 4, "", "", "r", 1}, {"CW_1_2", 1, std::nullopt, "", "", "r", 2}},
                  nullptr, "nextqa");
  REQUIRE(bare.records.size() == 1u);
  CHECK_EQ(bare.records[0].type, std::string("TP"));
  REQUIRE(bare.skipped.size() == 1u);
  CHECK_EQ(bare.skipped[0].field, std::string("answer"));
}

MINITEST_MAIN
