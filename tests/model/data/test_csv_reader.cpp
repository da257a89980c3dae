// RFC 4180 CSV records: quoting, doubled quotes, line breaks inside quotes, CRLF, broken quoting.
#include "data/csv_reader.h"

#include "minitest.h"

using sevila::data::CsvReader;
using sevila::data::CsvRecord;

TEST(plainAndQuotedFields) {
  CsvReader csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\n");
  CsvRecord r;
  REQUIRE(csv.next(r));
  CHECK_EQ(r.line, 1);
  REQUIRE(r.fields.size() == 3u);
  CHECK_EQ(r.fields[2], std::string("c"));
  REQUIRE(csv.next(r));
  CHECK_EQ(r.line, 2);
  REQUIRE(r.fields.size() == 3u);
  CHECK_EQ(r.fields[0], std::string("x, y"));
  CHECK_EQ(r.fields[1], std::string("say \"hi\""));
  CHECK_EQ(r.fields[2], std::string(""));  // trailing comma: an empty last field
  CHECK(!r.error);
  CHECK(!csv.next(r));
}

TEST(lineBreakInsideQuotesKeepsLineNumbers) {
  CsvReader csv("\xEF\xBB\xBFh1,h2\r\n\"two\nlines\",x\r\n\r\nlast,y");
  CsvRecord r;
  REQUIRE(csv.next(r));
  CHECK_EQ(r.fields[0], std::string("h1"));  // byte-order mark dropped
  REQUIRE(csv.next(r));
  CHECK_EQ(r.line, 2);
  CHECK_EQ(r.fields[0], std::string("two\nlines"));
  CHECK_EQ(r.fields[1], std::string("x"));  // CRLF: no '\r' left in the field
  REQUIRE(csv.next(r));
  CHECK_EQ(r.line, 5);  // blank line 4 skipped; no final newline
  CHECK_EQ(r.fields[1], std::string("y"));
}

TEST(brokenQuotingNamesTheColumn) {
  CsvRecord r;
  {
    CsvReader csv("a,b\"c,d\n");
    REQUIRE(csv.next(r));
    REQUIRE(r.error.has_value());
    CHECK_EQ(r.error->first, 1);
    CHECK(r.error->second.find("stray double quote") != std::string::npos);
  }
  {
    CsvReader csv("a,\"b\"x,d\n");
    REQUIRE(csv.next(r));
    REQUIRE(r.error.has_value());
    CHECK_EQ(r.error->first, 1);
    CHECK(r.error->second.find("after the closing quote") != std::string::npos);
  }
  {
    CsvReader csv("a,b,\"never closed\nmore\n");
    REQUIRE(csv.next(r));
    REQUIRE(r.error.has_value());
    CHECK_EQ(r.error->first, 2);
    CHECK(r.error->second.find("never closed") != std::string::npos);
    CHECK(!csv.next(r));
  }
}

MINITEST_MAIN
