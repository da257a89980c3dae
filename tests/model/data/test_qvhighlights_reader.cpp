// QVHighlights jsonl reader on real val rows and hostile variants.
#include "data/qvhighlights_reader.h"

#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

TEST(realRows) {
  const DatasetRead read = readQvHighlights(datatest::sample("qvhighlights/val_sample.jsonl"));
  CHECK_EQ(read.skipped.size(), 0u);
  REQUIRE(read.items.size() == 20u);
  const DatasetItem& a = read.items[0];
  CHECK_EQ(a.dataset, std::string("qvhighlights"));
  CHECK_EQ(a.qid, std::string("QVHighlight_2579"));
  CHECK_EQ(a.sourceId, std::string("2579"));
  CHECK_EQ(a.query, std::string("A girl and her mother cooked while talking with each other on facetime."));
  CHECK_EQ(a.video, std::string("NUsG9BgSes0_210.0_360.0"));
  CHECK_EQ(a.duration, 150.0);
  REQUIRE(a.relevantWindows.size() == 1u);
  CHECK(a.relevantWindows[0] == (TimeWindow{82, 150}));
  CHECK(a.options.empty());
  CHECK(!a.answer.has_value());
  const DatasetItem& six = read.items[5];  // three windows
  CHECK_EQ(six.sourceId, std::string("2638"));
  REQUIRE(six.relevantWindows.size() == 3u);
  CHECK(six.relevantWindows[2] == (TimeWindow{144, 150}));
  CHECK_EQ(read.items[8].duration, 126.0);  // qid 8737
  CHECK_EQ(read.items[8].sourceLine, 9);
}

TEST(hostileRows) {
  const std::string path = datatest::scratch(
      "qvh_hostile.jsonl",
      R"({"qid": 1, "query": "q", "duration": 150, "vid": "v_0.0_150.0", "relevant_windows": [[10, 20]]})"
      "\n"
      R"({"qid": 2, "query": "q", "duration": 150, "vid": "v_0.0_150.0", "relevant_windows": [[30, 20]]})"
      "\n"
      R"({"qid": 3, "query": "q", "duration": 150, "vid": "v_0.0_150.0", "relevant_windows": [[10, 160]]})"
      "\n"
      R"({"qid": "4", "query": "q", "duration": 150, "vid": "v_0.0_150.0", "relevant_windows": [[10, 20]]})"
      "\n"
      R"({"qid": 5, "query": "q", "duration": 150, "vid": "v_0.0_150.0", "relevant_windows": [[10, 20, 30]]})"
      "\n"
      R"({"qid": 6, "query": "q", "duration": 150, "vid": "v_0.0_150.0", "relevant_windows": []})"
      "\n"
      R"({"qid": 1, "query": "q", "duration": 150, "vid": "v_0.0_150.0", "relevant_windows": [[10, 20]]})"
      "\n"
      R"({"qid": 8, "query": "q", "duration": 150, "vid": "v_0.0_150.0"})"
      "\n"
      R"({"qid": 9, "query": "q", "duration": 150, "vid": "v_0.0_150.0", "relevant_windows": [[10, 20]])");
  const DatasetRead read = readQvHighlights(path);
  REQUIRE(read.items.size() == 2u);
  CHECK(read.items[1].relevantWindows.empty());  // test-file style: no labels
  REQUIRE(read.skipped.size() == 7u);
  CHECK_EQ(read.skipped[0].field, std::string("relevant_windows[0]"));
  CHECK_EQ(read.skipped[1].field, std::string("relevant_windows[0]"));
  CHECK_EQ(read.skipped[2].field, std::string("qid"));
  CHECK(read.skipped[2].reason.find("expected an integer, got string") != std::string::npos);
  CHECK_EQ(read.skipped[3].field, std::string("relevant_windows[0]"));
  CHECK_EQ(read.skipped[4].field, std::string("relevant_windows"));
  CHECK_EQ(read.skipped[5].line, 7);
  CHECK_EQ(read.skipped[5].field, std::string("qid"));
  CHECK_EQ(read.skipped[6].line, 9);  // truncated last line (no final newline)
  CHECK_EQ(read.skipped[6].field, std::string("json"));
}

MINITEST_MAIN
