// TVQA (jsonl, VALUE layout) and TVQA+ (json array) readers on hand-written samples.
#include "data/tvqa_reader.h"

#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

TEST(jsonlSample) {
  const DatasetRead read = readTvqa(datatest::sample("tvqa/val_sample.jsonl"));
  CHECK_EQ(read.skipped.size(), 0u);
  REQUIRE(read.items.size() == 3u);
  const DatasetItem& a = read.items[0];
  CHECK_EQ(a.dataset, std::string("tvqa"));
  CHECK_EQ(a.qid, std::string("TVQA_0"));
  CHECK_EQ(a.sourceId, std::string("131976"));
  CHECK_EQ(a.video, std::string("s03e21_seg02_clip_08"));
  CHECK_EQ(a.question, std::string("What is Sheldon holding when he enters the apartment?"));
  REQUIRE(a.options.size() == 5u);
  CHECK_EQ(a.options[3], std::string("A comic book."));
  CHECK_EQ(*a.answer, 3);
  REQUIRE(a.clip.has_value());
  CHECK_EQ(a.clip->start, 76.01);
  CHECK_EQ(a.clip->end, 84.2);
  CHECK(!read.items[1].clip.has_value());  // "NaN-NaN": no clip, not an error
  CHECK_EQ(read.items[2].qid, std::string("TVQA_2"));
  CHECK_EQ(read.items[2].clip->start, 20.16);
}

TEST(tvqaPlusSample) {
  const DatasetRead read = readTvqa(datatest::sample("tvqa/tvqa_plus_sample.json"));
  REQUIRE(read.items.size() == 1u);
  CHECK_EQ(*read.items[0].answer, 4);  // answer_idx "4" (a string in TVQA+)
  CHECK_EQ(read.items[0].clip->start, 12.3);
  CHECK_EQ(read.items[0].clip->end, 18.79);
  CHECK_EQ(read.items[0].options[0], std::string("Raj is weird ."));
}

TEST(hostileLines) {
  const std::string opts = R"("a0": "a", "a1": "b", "a2": "c", "a3": "d", "a4": "e")";
  const std::string path = datatest::scratch(
      "tvqa_hostile.jsonl",
      R"({"qid": 1, "q": "q", )" + opts +
          R"(, "answer_idx": 5, "ts": "1-2", "vid_name": "v"})"
          "\n"
          R"({"qid": 2, "q": "q", )" +
          opts +
          R"(, "answer_idx": "2", "ts": "1-2", "vid_name": "v"})"
          "\n"
          R"({"qid": 3, "q": "q", )" +
          opts +
          R"(, "answer_idx": 2, "ts": "abc", "vid_name": "v"})"
          "\n"
          R"({"qid": 4, "q": "q", "a0": "a", "a1": "b", "a2": "c", "a3": "d", "answer_idx": 2, "ts": "1-2", "vid_name": "v"})"
          "\n"
          R"({"qid": 5, "q": "q", )" +
          opts +
          R"(, "answer_idx": 2, "ts": "1-2", "vid_)"
          "\n"
          R"({"qid": 6, "q": "q", )" +
          opts +
          R"(, "answer_idx": 2, "ts": "5-2", "vid_name": "v"})"
          "\n"
          "\n"
          R"({"qid": 8, "q": "q", )" +
          opts +
          R"(, "answer_idx": 1, "ts": "1.5-2", "vid_name": "v"})"
          "\n");
  const DatasetRead read = readTvqa(path);
  REQUIRE(read.items.size() == 1u);
  CHECK_EQ(read.items[0].qid, std::string("TVQA_6"));  // position among JSON lines, blank line not counted
  CHECK_EQ(read.items[0].sourceLine, 8);
  REQUIRE(read.skipped.size() == 6u);
  CHECK_EQ(read.skipped[0].field, std::string("answer_idx"));  // 5 out of range
  CHECK_EQ(read.skipped[1].field, std::string("answer_idx"));  // a string in jsonl: wrong type
  CHECK(read.skipped[1].reason.find("expected an integer, got string") != std::string::npos);
  CHECK_EQ(read.skipped[2].field, std::string("ts"));
  CHECK_EQ(read.skipped[3].field, std::string("a4"));  // missing option
  CHECK(read.skipped[3].reason == "missing");
  CHECK_EQ(read.skipped[4].line, 5);
  CHECK_EQ(read.skipped[4].field, std::string("json"));  // truncated line
  CHECK_EQ(read.skipped[5].field, std::string("ts"));    // 5-2 is backwards
}

MINITEST_MAIN
