// NExT-QA csv reader on real val.csv rows (tests/data/datasets/nextqa) and on hostile variants.
#include "data/nextqa_reader.h"

#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

namespace {
const std::string kHeader = "video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4\n";
const std::string kGood =
    "4010069381,369,640,480,how do the two man play the instrument,0,6,CH,roll the handle,tap their "
    "feet,strum the string,hit with sticks,pat with hand\n";
}  // namespace

TEST(realRowsWithSevilaText) {
  const DatasetRead read = readNextQa(datatest::sample("nextqa/val_sample.csv"));
  CHECK_EQ(read.skipped.size(), 0u);
  REQUIRE(read.items.size() == 28u);
  const DatasetItem& a = read.items[0];
  CHECK_EQ(a.dataset, std::string("nextqa"));
  CHECK_EQ(a.qid, std::string("CH_4010069381_6"));
  CHECK_EQ(a.sourceId, std::string("4010069381_6"));
  CHECK_EQ(a.video, std::string("4010069381"));
  CHECK_EQ(a.type, std::string("CH"));
  CHECK_EQ(a.question, std::string("how do the two man play the instrument?"));
  REQUIRE(a.options.size() == 5u);
  CHECK_EQ(a.options[0], std::string("roll the handle."));
  CHECK_EQ(a.options[4], std::string("pat with hand."));
  REQUIRE(a.answer.has_value());
  CHECK_EQ(*a.answer, 0);
  CHECK(!a.clip.has_value());
  CHECK_EQ(a.sourceLine, 2);
  // Line 22: a TP question keeps its code (the metrics merge TP into TN, not the reader).
  const DatasetItem& tp = read.items[20];
  CHECK_EQ(tp.sourceLine, 22);
  CHECK_EQ(tp.qid, std::string("TP_6329077812_7"));
  CHECK_EQ(*tp.answer, 4);
  CHECK_EQ(tp.options[4], std::string("take napkin."));
  // Line 26: the one val question already ending in '?' gets a second one, as SeViLA's notebook does.
  const DatasetItem& q = read.items[24];
  CHECK_EQ(q.sourceLine, 26);
  CHECK_EQ(q.question,
           std::string("why did the man in blue shown after the middle lift up his right hand??"));
  CHECK_EQ(q.type, std::string("DO"));
}

TEST(rawTextOption) {
  ReadOptions raw;
  raw.sevilaText = false;
  const DatasetRead read = readNextQa(datatest::sample("nextqa/val_sample.csv"), raw);
  REQUIRE(!read.items.empty());
  CHECK_EQ(read.items[0].question, std::string("how do the two man play the instrument"));
  CHECK_EQ(read.items[0].options[1], std::string("tap their feet"));
}

TEST(hostileRowsAreSkippedAndListed) {
  const std::string path = datatest::scratch(
      "nextqa_hostile.csv",
      kHeader + kGood +
          "4882821564,2697,640,480,why did the boy move,7,1,CW,a,b,c,d,e\n"      // line 3: answer 7
          "4882821564,2697,640,480,why,1,2,CW,a,b,c,d\n"                         // line 4: 12 columns
          "4882821564,2697,640,480,\"why \"quoted\" badly\",1,3,CW,a,b,c,d,e\n"  // line 5: broken quoting
          "4882821564,2697,640,480,what,x,4,CW,a,b,c,d,e\n"                      // line 6: answer not int
          "4882821564,2697,640,480,what,1,5,ZZ,a,b,c,d,e\n"                      // line 7: type
          "4882821564,2697,640,480,what,1,6,CW,a,,c,d,e\n"                       // line 8: empty option
          "4010069381,369,640,480,again,1,6,TN,a,b,c,d,e\n"    // line 9: duplicate video_qid
          "4882821564,2697,640,480,fine,1,9,DO,a,b,c,d,e\n");  // line 10: good
  const DatasetRead read = readNextQa(path);
  REQUIRE(read.items.size() == 2u);
  CHECK_EQ(read.items[1].qid, std::string("DO_4882821564_9"));
  REQUIRE(read.skipped.size() == 7u);
  CHECK_EQ(read.skipped[0].line, 3);
  CHECK_EQ(read.skipped[0].field, std::string("answer"));
  CHECK_EQ(read.skipped[1].line, 4);
  CHECK_EQ(read.skipped[1].field, std::string("a4"));
  CHECK_EQ(read.skipped[2].line, 5);
  CHECK_EQ(read.skipped[2].field, std::string("question"));
  CHECK_EQ(read.skipped[3].field, std::string("answer"));
  CHECK_EQ(read.skipped[4].field, std::string("type"));
  CHECK_EQ(read.skipped[5].field, std::string("a1"));
  CHECK_EQ(read.skipped[6].line, 9);
  CHECK_EQ(read.skipped[6].field, std::string("qid"));
  CHECK(describe(read.skipped[0]).find("nextqa_hostile.csv:3: field 'answer': answer index 7 outside 0-4") !=
        std::string::npos);
}

TEST(strictModeThrowsOnTheFirstBadRow) {
  const std::string path =
      datatest::scratch("nextqa_strict.csv",
                        kHeader + kGood + "4882821564,2697,640,480,why did the boy move,7,1,CW,a,b,c,d,e\n");
  ReadOptions strict;
  strict.strict = true;
  CHECK_THROWS_WITH(readNextQa(path, strict), "nextqa_strict.csv:3: field 'answer'");
}

TEST(fileLevelProblemsAlwaysThrow) {
  CHECK_THROWS_WITH(readNextQa(datatest::scratch("nextqa_noheader.csv", kGood)),
                    "header lacks the column 'video'");
  CHECK_THROWS_WITH(readNextQa(datatest::scratch("nextqa_empty.csv", "")), "empty file");
  CHECK_THROWS_WITH(readNextQa("/nonexistent/val.csv"), "/nonexistent/val.csv: cannot open");
  // A quote never closed swallows the rest of the file: one bad row, named, nothing else read.
  const DatasetRead read = readNextQa(datatest::scratch(
      "nextqa_unclosed.csv", kHeader + "4882821564,2697,640,480,\"why,1,1,CW,a,b,c,d,e\n" + kGood));
  CHECK_EQ(read.items.size(), 0u);
  REQUIRE(read.skipped.size() == 1u);
  CHECK_EQ(read.skipped[0].line, 2);
  CHECK(read.skipped[0].reason.find("never closed") != std::string::npos);
}

MINITEST_MAIN
