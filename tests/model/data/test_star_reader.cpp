// STAR json reader on hand-written samples in STAR's format (the real files are not available).
#include "data/star_reader.h"

#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

TEST(sampleElements) {
  const DatasetRead read = readStar(datatest::sample("star/val_sample.json"));
  CHECK_EQ(read.skipped.size(), 0u);
  REQUIRE(read.items.size() == 4u);
  const DatasetItem& a = read.items[0];
  CHECK_EQ(a.qid, std::string("Interaction_T1_13"));
  CHECK_EQ(a.sourceId, std::string("Interaction_T1_13"));
  CHECK_EQ(a.type, std::string("Interaction"));
  CHECK_EQ(a.video, std::string("6H78U"));
  CHECK_EQ(a.question, std::string("Which object was taken by the person?"));
  REQUIRE(a.clip.has_value());
  CHECK_EQ(a.clip->start, 11.1);
  CHECK_EQ(a.clip->end, 19.6);
  REQUIRE(a.options.size() == 4u);
  CHECK_EQ(a.options[3], std::string("The paper/notebook."));
  CHECK_EQ(*a.answer, 0);
  CHECK_EQ(a.sourceLine, 2);  // the element starts on line 2 of the array
  CHECK_EQ(read.items[1].sourceLine, 18);
  CHECK_EQ(*read.items[1].answer, 2);  // "The door." is the third choice
  CHECK_EQ(read.items[2].type, std::string("Prediction"));
  CHECK_EQ(*read.items[3].answer, 3);
  CHECK_EQ(read.items[3].type, std::string("Feasibility"));
}

TEST(hostileElements) {
  const std::string choices =
      R"("choices": [{"choice": "A."}, {"choice": "B."}, {"choice": "C."}, {"choice": "D."}])";
  const std::string path = datatest::scratch(
      "star_hostile.json",
      "[\n"
      R"({"question_id": "Interaction_T1_1", "question": "q", "video_id": "V1", "start": 1, "end": 2, "answer": "E.", )" +
          choices +
          "},\n"
          R"({"question_id": "Sequence_T1_2", "question": "q", "video_id": "V1", "start": "3.5", "end": 2, "answer": "A.", )" +
          choices +
          "},\n"
          R"({"question_id": "Guess_T1_3", "question": "q", "video_id": "V1", "start": 1, "end": 2, "answer": "A.", )" +
          choices +
          "},\n"
          R"({"question_id": "Interaction_T1_4", "question": 7, "video_id": "V1", "start": 1, "end": 2, "answer": "A.", )" +
          choices +
          "},\n"
          R"({"question_id": "Interaction_T1_5", "question": "q", "video_id": "V1", "start": 1, "end": 2, "answer": "A.", "choices": [{"choice": "A."}, {"choice": "A."}]},)"
          "\n"
          R"({"question_id": "Interaction_T1_6", "question": "q", "video_id": "V1", "start": 1, "end": 2, "answer": "B.", )" +
          choices +
          "},\n"
          R"({"question_id": "Interaction_T1_6", "question": "q", "video_id": "V1", "start": 1, "end": 2, "answer": "B.", )" +
          choices +
          "},\n"
          R"({"question_id": "Prediction_T1_8", "question": "q", "video_id": "V1", "start": 1, "end": 2, )" +
          choices +
          "}\n"
          "]\n");
  const DatasetRead read = readStar(path);
  REQUIRE(read.items.size() == 2u);
  CHECK_EQ(read.items[0].qid, std::string("Interaction_T1_6"));
  CHECK(!read.items[1].answer.has_value());  // test split: no answer
  REQUIRE(read.skipped.size() == 6u);
  CHECK_EQ(read.skipped[0].line, 2);
  CHECK_EQ(read.skipped[0].field, std::string("answer"));  // matches no choice
  CHECK_EQ(read.skipped[1].field, std::string("end"));     // start 3.5 > end 2
  CHECK_EQ(read.skipped[2].field, std::string("question_id"));
  CHECK_EQ(read.skipped[3].field, std::string("question"));
  CHECK(read.skipped[3].reason.find("expected a string, got integer") != std::string::npos);
  CHECK_EQ(read.skipped[4].field, std::string("answer"));  // matches two choices
  CHECK_EQ(read.skipped[5].line, 8);
  CHECK_EQ(read.skipped[5].field, std::string("qid"));
  ReadOptions strict;
  strict.strict = true;
  CHECK_THROWS_WITH(readStar(path, strict), "star_hostile.json:2: field 'answer'");
}

TEST(notAnArrayOrTruncated) {
  CHECK_THROWS_WITH(readStar(datatest::scratch("star_object.json", "{\"a\": 1}")), "expected one JSON array");
  CHECK_THROWS_WITH(
      readStar(datatest::scratch("star_truncated.json",
                                 "[\n{\"question_id\": \"Interaction_T1_1\",\n \"question\": \"q")),
      "star_truncated.json:3: not valid JSON");
}

MINITEST_MAIN
