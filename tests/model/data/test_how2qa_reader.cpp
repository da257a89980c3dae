// How2QA: the official header-less csv (real rows) and the VALUE jsonl layout (hand-written).
#include "data/how2qa_reader.h"

#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

TEST(officialCsvRealRows) {
  const DatasetRead read = readHow2Qa(datatest::sample("how2qa/val_sample.csv"));
  CHECK_EQ(read.skipped.size(), 0u);
  REQUIRE(read.items.size() == 9u);  // line 1 is a question, not a header
  const DatasetItem& a = read.items[0];
  CHECK_EQ(a.qid, std::string("HOW2QA_0"));
  CHECK_EQ(a.sourceId, std::string("row 1"));
  CHECK_EQ(a.video, std::string("NOuQuofjk44_0_60"));
  CHECK_EQ(a.clip->start, 7.0);  // int(7.2) - 0
  CHECK_EQ(a.clip->end, 18.0);
  CHECK_EQ(a.question, std::string("how many knife is there?"));
  // FNV-1a-32("NOuQuofjk44|[7.2:18.0]|how many knife is there?") = 0x38ef8dcc, mod 4 = 0: right answer first.
  CHECK_EQ(*a.answer, 0);
  REQUIRE(a.options.size() == 4u);
  CHECK_EQ(a.options[0], std::string("1"));
  CHECK_EQ(a.options[1], std::string("10"));
  CHECK_EQ(a.options[3], std::string("16"));
  // Row 2: [134.15:181.52] -> k = 134 // 60 = 2 -> segment 120..180, clip [14, 61] (crosses the segment end).
  const DatasetItem& b = read.items[1];
  CHECK_EQ(b.video, std::string("piYcgGdO8_w_120_180"));
  CHECK_EQ(b.clip->start, 14.0);
  CHECK_EQ(b.clip->end, 61.0);
  // FNV-1a-32 = 0x448700e2, mod 4 = 2: White, Grey, Brown, Red.
  CHECK_EQ(*b.answer, 2);
  CHECK_EQ(b.options[2], std::string("Brown"));
  CHECK_EQ(b.options[3], std::string("Red"));
  // Row 7: doubled quotes inside quoted fields.
  const DatasetItem& c = read.items[6];
  CHECK_EQ(c.sourceLine, 7);
  CHECK_EQ(c.options[*c.answer], std::string("his channel is called \"whatsdev\""));
  CHECK_EQ(how2QaAnswerSlot("DUEyiEnMVj4", "[12.6:13.2]", c.question), 0);  // 0x780f766c % 4
  CHECK_EQ(c.options[2], std::string("his channel is called \"digitaldezignz"));
  CHECK_EQ(read.items[8].question,
           std::string("Who \"salutes men who made a difference in the 20th century?\""));
}

TEST(officialCsvHostile) {
  const std::string path = datatest::scratch("how2qa_hostile.csv",
                                             "abc,[1.0:2.0],w1,w2,w3,q?,right\n"
                                             "abc,1.0-2.0,w1,w2,w3,q2?,right\n"
                                             "abc,[5:2],w1,w2,w3,q3?,right\n"
                                             "abc,[1:2],w1,w2,w3,q4?\n"
                                             "abc,[1:2],w1,,w3,q5?,right\n"
                                             "abc,[1:2],w1,w2,w3,\"q6?,right\n");
  const DatasetRead read = readHow2Qa(path);
  REQUIRE(read.items.size() == 1u);
  REQUIRE(read.skipped.size() == 5u);
  CHECK_EQ(read.skipped[0].field, std::string("span"));
  CHECK_EQ(read.skipped[1].field, std::string("span"));
  CHECK_EQ(read.skipped[2].line, 4);
  CHECK_EQ(read.skipped[2].field, std::string("correct_answer"));  // 6 columns
  CHECK_EQ(read.skipped[3].field, std::string("wrong_2"));
  CHECK_EQ(read.skipped[4].field, std::string("question"));  // quote never closed
}

TEST(valueJsonl) {
  const DatasetRead read = readHow2Qa(datatest::sample("how2qa/value_sample.jsonl"));
  REQUIRE(read.items.size() == 2u);
  CHECK_EQ(read.items[0].qid, std::string("HOW2QA_0"));
  CHECK_EQ(read.items[0].sourceId, std::string("17"));
  CHECK_EQ(read.items[0].video, std::string("NOuQuofjk44_0_60"));
  CHECK_EQ(read.items[0].options.size(), 4u);
  CHECK_EQ(*read.items[0].answer, 2);
  CHECK_EQ(read.items[1].clip->end, 60.0);
  CHECK_THROWS_WITH(readHow2Qa(datatest::scratch("how2qa.txt", "x")), "unknown How2QA file type");
}

MINITEST_MAIN
