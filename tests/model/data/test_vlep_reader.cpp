// VLEP jsonl reader on hand-written samples in the released format.
#include "data/vlep_reader.h"

#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

TEST(sampleLines) {
  const DatasetRead read = readVlep(datatest::sample("vlep/dev_sample.jsonl"));
  CHECK_EQ(read.skipped.size(), 0u);
  REQUIRE(read.items.size() == 3u);
  const DatasetItem& a = read.items[0];
  CHECK_EQ(a.qid, std::string("VLEP_21411"));
  CHECK_EQ(a.sourceId, std::string("21411"));
  CHECK_EQ(a.video, std::string("OO9kSxcT9Rg_subs_012_00:13:00_00:14:00_ep"));
  CHECK(a.question.empty());
  REQUIRE(a.options.size() == 2u);
  CHECK_EQ(a.options[1], std::string("The man throws the pan into the sink."));
  CHECK_EQ(*a.answer, 1);
  CHECK_EQ(a.clip->start, 10.54);
  CHECK_EQ(a.clip->end, 13.55);
  CHECK(!read.items[2].answer.has_value());  // test split
}

TEST(hostileLines) {
  const std::string path = datatest::scratch(
      "vlep_hostile.jsonl",
      R"({"example_id": 1, "vid_name": "v_ep", "ts": [1, 2], "events": ["a", "b"], "answer": 2})"
      "\n"
      R"({"example_id": 2, "vid_name": "v_ep", "ts": [1, 2], "events": ["a"], "answer": 0})"
      "\n"
      R"({"example_id": 3, "vid_name": "v_ep", "ts": "1-2", "events": ["a", "b"], "answer": 0})"
      "\n"
      R"({"example_id": 4, "vid_name": "v_ep", "ts": [1, 2], "events": ["a", ""], "answer": 0})"
      "\n"
      R"([1, 2, 3])"
      "\n"
      R"({"example_id": 6, "vid_name": "v_ep", "ts": [1, 2], "events": ["a", "b"], "answer": 1.0})"
      "\n");
  const DatasetRead read = readVlep(path);
  REQUIRE(read.items.size() == 1u);
  CHECK_EQ(*read.items[0].answer, 1);  // 1.0 is a whole number: accepted, not rounded
  REQUIRE(read.skipped.size() == 5u);
  CHECK_EQ(read.skipped[0].field, std::string("answer"));
  CHECK_EQ(read.skipped[1].field, std::string("events"));
  CHECK_EQ(read.skipped[2].field, std::string("ts"));
  CHECK_EQ(read.skipped[3].field, std::string("events[1]"));
  CHECK_EQ(read.skipped[4].field, std::string("json"));
  CHECK(read.skipped[4].reason.find("expected a JSON object, got array") != std::string::npos);
}

MINITEST_MAIN
