// keyframes.jsonl: deterministic export, round trip, hostile lines, QVHighlights windows.
#include "data/keyframe_labels.h"

#include <algorithm>
#include <limits>
#include <random>

#include "data/row_errors.h"
#include "minitest.h"
#include "test_support_files.h"

using namespace sevila::data;

namespace {

KeyframeLabelRecord sample(const std::string& qid, const std::string& author, std::vector<int> keyframes) {
  KeyframeLabelRecord r;
  r.qid = qid;
  r.dataset = "nextqa";
  r.author = author;
  r.video = "1025/4010069381.mp4";
  r.fps = 30000.0 / 1001.0;
  for (int i = 0; i < 8; ++i) {
    // SeViLA's grid for vlen = 240, n = 8: boundaries linspace(0, 240, 9) -> middles 15, 45, ...
    r.grid.frameIndices.push_back(15 + 30 * i);
    r.grid.timestamps.push_back((15 + 30 * i) * 1001.0 / 30000.0);
  }
  r.keyframes = std::move(keyframes);
  r.state = LabelState::Confirmed;
  r.note = "hand \"picked\" \u00e9\n";
  r.created = "2026-11-24T10:00:00.000Z";
  r.updated = "2026-11-24T10:05:00.000Z";
  return r;
}

// A valid line to corrupt, with one key replaced by `patch` ("key":value) where given.
std::string line(const std::string& find = "", const std::string& replace = "") {
  KeyframeLabelRecord r = sample("TN_1_2", "alice", {1, 2});
  std::string s = keyframeLabelLine(r);
  if (!find.empty()) {
    const size_t at = s.find(find);
    if (at == std::string::npos) throw std::logic_error("test bug: '" + find + "' not in " + s);
    s.replace(at, find.size(), replace);
  }
  return s + "\n";
}

}  // namespace

TEST(exportIsByteIdenticalInAnyInsertionOrder) {
  std::vector<KeyframeLabelRecord> records = {
      sample("TN_4010069381_5", "bob", {0, 3}), sample("CW_4010069381_6", "alice", {1, 2, 3, 7}),
      sample("TN_4010069381_5", "alice", {}), sample("DC_1_0", "zoe", {5})};
  records[1].state = LabelState::Unsure;
  records[3].dataset = "star";
  const std::string reference = writeKeyframeLabels(records);
  std::mt19937 rng(42);
  for (int trial = 0; trial < 20; ++trial) {
    std::shuffle(records.begin(), records.end(), rng);
    CHECK_EQ(writeKeyframeLabels(records), reference);
  }
  // Sorted by qid, then author; one line per label.
  CHECK_EQ(std::count(reference.begin(), reference.end(), '\n'), 4);
  CHECK(reference.find("\"qid\":\"CW_4010069381_6\"") < reference.find("\"qid\":\"DC_1_0\""));
  CHECK(reference.find("\"author\":\"alice\",\"video\":\"1025/4010069381.mp4\",\"fps\":29.97002997002997") <
        reference.find("\"author\":\"bob\""));
  // Fixed key order and float formatting, checked on one full line.
  const std::string first = reference.substr(0, reference.find('\n'));
  CHECK_EQ(first, std::string(
                      "{\"schema\":\"sevila-keyframes/1\",\"qid\":\"CW_4010069381_6\",\"dataset\":\"nextqa\","
                      "\"author\":\"alice\",\"video\":\"1025/4010069381.mp4\",\"fps\":29.97002997002997,"
                      "\"sampling\":{\"n\":8,\"frame_indices\":[15,45,75,105,135,165,195,225],"
                      "\"pts_s\":[0.5005,1.5015,2.5025,3.5035,4.5045,5.5055,6.5065,7.5075]},"
                      "\"keyframes\":[1,2,3,7],\"frame_labels\":\"no_yes_yes_yes_no_no_no_yes\","
                      "\"relevant_windows\":[[1.25125,3.75375],[7.25725,7.75775]],\"state\":\"unsure\","
                      "\"note\":\"hand \\\"picked\\\" \u00e9\\n\",\"created\":\"2026-11-24T10:00:00.000Z\","
                      "\"updated\":\"2026-11-24T10:05:00.000Z\"}"));
}

TEST(roundTripGivesTheSameRecordsAndBytes) {
  std::vector<KeyframeLabelRecord> records = {sample("CW_1_6", "alice", {0, 7}), sample("CW_1_6", "bob", {}),
                                              sample("TP_2_1", "alice", {3})};
  records[2].state = LabelState::Unsure;
  records[2].note = "";
  const std::string text = writeKeyframeLabels(records);
  const std::string path = datatest::scratch("keyframes_roundtrip.jsonl", text);
  const std::vector<KeyframeLabelRecord> back = readKeyframeLabels(path);
  REQUIRE(back.size() == 3u);
  // pts_s is written to the microsecond: compare the rest exactly, the times to 0.5 us.
  for (size_t i = 0; i < 3; ++i) {
    CHECK_EQ(back[i].qid, records[i].qid);
    CHECK_EQ(back[i].author, records[i].author);
    CHECK(back[i].fps == records[i].fps);
    CHECK(back[i].grid.frameIndices == records[i].grid.frameIndices);
    for (int j = 0; j < 8; ++j) CHECK_NEAR(back[i].grid.timestamps[j], records[i].grid.timestamps[j], 5e-7);
    CHECK(back[i].keyframes == records[i].keyframes);
    CHECK(back[i].state == records[i].state);
    CHECK_EQ(back[i].note, records[i].note);
    CHECK_EQ(back[i].updated, records[i].updated);
  }
  CHECK_EQ(writeKeyframeLabels(back), text);
  // A file without relevant_windows (they are derived) reads the same.
  std::string stripped;
  for (const auto& r : back) {
    std::string l = keyframeLabelLine(r);
    const size_t a = l.find(",\"relevant_windows\":");
    const size_t b = l.find(",\"state\":");
    stripped += l.erase(a, b - a) + "\n";
  }
  CHECK(parseKeyframeLabels(stripped, "stripped.jsonl") == back);
}

TEST(qvhWindowsOnAHandComputedCase) {
  // fps 10, frames 5, 15, ..., 55 -> t = 0.5, 1.5, ..., 5.5; smallest gap 1 s -> pad 0.25 s.
  SamplingGrid grid;
  for (int i = 0; i < 6; ++i) {
    grid.frameIndices.push_back(5 + 10 * i);
    grid.timestamps.push_back(0.5 + i);
  }
  const std::vector<TimeWindow> w = relevantWindows(grid, 10.0, {1, 2, 4});
  REQUIRE(w.size() == 2u);
  CHECK_EQ(w[0].start, 1.25);
  CHECK_EQ(w[0].end, 2.75);
  CHECK_EQ(w[1].start, 4.25);
  CHECK_EQ(w[1].end, 4.75);
  CHECK(relevantWindows(grid, 10.0, {}).empty());
  // The first frame: the start clamps at 0 only when needed (0.5 - 0.25 = 0.25 here).
  const std::vector<TimeWindow> firstFrame = relevantWindows(grid, 10.0, {0});
  CHECK_EQ(firstFrame.at(0).start, 0.25);
  CHECK_EQ(relevantWindows(SamplingGrid{{0, 10}, {0, 1}}, 10.0, {0}).at(0).start == 0.0, true);
  // SeViLA's frame label (index / fps inside a window, inclusive) gives back exactly the keyframes.
  for (int i = 0; i < 6; ++i)
    CHECK_EQ(insideAnyWindow(grid.frameIndices[i] / 10.0, w), i == 1 || i == 2 || i == 4);
  CHECK_EQ(frameLabelString(6, {1, 2, 4}), std::string("no_yes_yes_no_yes_no"));

  KeyframeLabelRecord r = sample("QVHighlight_8737", "alice", {});
  r.grid = grid;
  r.fps = 10;
  r.keyframes = {1, 2, 4};
  r.video = "NUsG9BgSes0_210.0_360.0";
  CHECK_EQ(
      qvhAnnotationLine(r, "a man talks.", 150),
      std::string("{\"qid\":\"QVHighlight_8737\",\"query\":\"a man talks.\",\"duration\":150,"
                  "\"vid\":\"NUsG9BgSes0_210.0_360.0\",\"relevant_windows\":[[1.25,2.75],[4.25,4.75]]}"));
}

TEST(windowsGiveBackTheKeyframesOnRealGrids) {
  // NTSC frame rate, 32 frames over 1000 decoded frames, every 5-bit pattern of the first positions.
  KeyframeLabelRecord r = sample("x", "a", {});
  r.grid = {};
  for (int i = 0; i < 32; ++i) {
    const int64_t a = 1000 * i / 32, b = 1000 * (i + 1) / 32;
    r.grid.frameIndices.push_back((a + b) / 2);
    r.grid.timestamps.push_back(((a + b) / 2) / r.fps);
  }
  for (int mask = 0; mask < 1024; ++mask) {
    std::vector<int> kf;
    for (int b = 0; b < 10; ++b)
      if (mask & (1 << b)) kf.push_back(b * 3 + (b % 3));  // mixes adjacent and separate positions
    std::sort(kf.begin(), kf.end());
    kf.erase(std::unique(kf.begin(), kf.end()), kf.end());
    r.keyframes = kf;
    // Through the file: parse the written windows back and apply SeViLA's test to index / fps.
    const KeyframeLabelRecord back = parseKeyframeLabels(keyframeLabelLine(r) + "\n", "grid.jsonl").at(0);
    const std::vector<TimeWindow> w = relevantWindows(back.grid, back.fps, back.keyframes);
    for (int i = 0; i < 32; ++i) {
      const bool yes = std::find(kf.begin(), kf.end(), i) != kf.end();
      if (insideAnyWindow(r.grid.frameIndices[i] / r.fps, w) != yes) {
        CHECK(false);
        return;
      }
    }
  }
}

TEST(repeatedIndicesAndSingleTimeGrids) {
  SamplingGrid grid{{0, 0, 3, 9}, {0, 0, 0.1, 0.3}};
  const std::vector<TimeWindow> w = relevantWindows(grid, 30, {2});  // gap 0.1 -> pad 0.025
  REQUIRE(w.size() == 1u);
  CHECK_EQ(w[0].start, 0.075);
  CHECK_EQ(w[0].end, 0.125);
  // All frames at one time: a zero-length window that still contains it.
  SamplingGrid flat{{7, 7, 7}, {0.7, 0.7, 0.7}};
  const std::vector<TimeWindow> f = relevantWindows(flat, 29.97, {1});
  REQUIRE(f.size() == 1u);
  CHECK(insideAnyWindow(7 / 29.97, f));
  CHECK(f[0].end - f[0].start <= 2e-6);
}

TEST(remapKeepsFramesPresentInTheNewGrid) {
  SamplingGrid a{{10, 20, 30, 40}, {1, 2, 3, 4}};
  SamplingGrid b{{5, 20, 25, 40, 45}, {0.5, 2, 2.5, 4, 4.5}};
  CHECK(remapKeyframes(a, {0, 1, 3}, b) == std::vector<int>({1, 3}));
  CHECK(remapKeyframes(a, {}, b).empty());
}

TEST(hostileLinesAreRejectedWithFileLineField) {
  struct Case {
    const char* name;
    std::string content;
    const char* fragment;
  };
  const std::string ok = line();
  const std::vector<Case> cases = {
      {"truncated", ok.substr(0, 40) + "\n", "bad.jsonl:1: field 'json'"},
      {"not an object", "[1,2]\n", "bad.jsonl:1: field 'json'"},
      {"second line bad", ok + line("\"schema\":\"sevila-keyframes/1\"", "\"schema\":\"sevila-keyframes/9\""),
       "bad.jsonl:2: field 'schema': unsupported schema"},
      {"missing qid", line("\"qid\":\"TN_1_2\",", ""), "bad.jsonl:1: field 'qid'"},
      {"qid a number", line("\"qid\":\"TN_1_2\"", "\"qid\":12"), "field 'qid'"},
      {"empty author", line("\"author\":\"alice\"", "\"author\":\"\""), "field 'author'"},
      {"unknown key", line("\"note\":", "\"notes\":\"x\",\"note\":"), "field 'notes': unknown key"},
      {"fps zero", line("\"fps\":29.97002997002997", "\"fps\":0"), "field 'fps'"},
      {"fps string", line("\"fps\":29.97002997002997", "\"fps\":\"30\""), "field 'fps'"},
      {"n mismatch", line("\"n\":8", "\"n\":9"),
       "field 'sampling.frame_indices': has 8 entries but sampling.n is 9"},
      {"n negative", line("\"n\":8", "\"n\":-1"), "field 'sampling.n'"},
      {"n huge", line("\"n\":8", "\"n\":100000000"), "field 'sampling.n'"},
      {"pts short", line("\"pts_s\":[0.5005,", "\"pts_s\":["), "field 'sampling.pts_s'"},
      {"index decreasing", line("[15,45,", "[45,15,"), "field 'sampling.frame_indices[1]'"},
      {"index negative", line("[15,45,", "[-15,45,"), "field 'sampling.frame_indices[0]'"},
      {"index float", line("[15,45,", "[15.5,45,"), "field 'sampling.frame_indices[0]'"},
      {"pts NaN-ish", line("\"pts_s\":[0.5005", "\"pts_s\":[\"x\""), "field 'sampling.pts_s[0]'"},
      {"keyframe outside", line("\"keyframes\":[1,2]", "\"keyframes\":[1,8]"),
       "field 'keyframes[1]': position 8 is outside"},
      {"keyframe negative", line("\"keyframes\":[1,2]", "\"keyframes\":[-1,2]"), "field 'keyframes[0]'"},
      {"keyframes unsorted", line("\"keyframes\":[1,2]", "\"keyframes\":[2,1]"),
       "field 'keyframes[1]': positions must be strictly increasing"},
      {"keyframes repeated", line("\"keyframes\":[1,2]", "\"keyframes\":[1,1]"), "field 'keyframes[1]'"},
      {"keyframes not array", line("\"keyframes\":[1,2]", "\"keyframes\":1"), "field 'keyframes'"},
      {"labels too short",
       line("\"frame_labels\":\"no_yes_yes_no_no_no_no_no\"", "\"frame_labels\":\"no_yes_yes\""),
       "field 'frame_labels': has 3 yes/no entries but sampling.n is 8"},
      {"labels bad token", line("\"frame_labels\":\"no_yes_yes_no", "\"frame_labels\":\"no_yes_YES_no"),
       "field 'frame_labels': entry 2 is \"YES\""},
      {"labels disagree", line("\"frame_labels\":\"no_yes_yes_no", "\"frame_labels\":\"yes_yes_yes_no"),
       "field 'frame_labels': does not match keyframes"},
      {"windows disagree", line("\"relevant_windows\":[[", "\"relevant_windows\":[[0.1,0.2],["),
       "field 'relevant_windows'"},
      {"state", line("\"state\":\"confirmed\"", "\"state\":\"maybe\""), "field 'state'"},
      {"sampling unknown key", line("\"sampling\":{\"n\"", "\"sampling\":{\"m\":1,\"n\""),
       "field 'sampling.m': unknown key"},
      {"duplicate", ok + ok, "bad.jsonl:2: field 'qid': a second label"},
  };
  for (const Case& c : cases) {
    bool threw = false;
    try {
      parseKeyframeLabels(c.content, "bad.jsonl");
    } catch (const RowError& e) {
      threw = true;
      if (std::string(e.what()).find(c.fragment) == std::string::npos)
        ::minitest::fail(__FILE__, __LINE__,
                         std::string(c.name) + ": message lacks '" + c.fragment + "': " + e.what());
    } catch (const std::exception& e) {
      ::minitest::fail(__FILE__, __LINE__, std::string(c.name) + ": not a RowError: " + e.what());
      threw = true;
    }
    if (!threw) ::minitest::fail(__FILE__, __LINE__, std::string(c.name) + ": accepted");
  }
  // Blank lines, CRLF and a BOM are fine; the good line parses.
  CHECK_EQ(
      parseKeyframeLabels("\xEF\xBB\xBF\r\n" + ok.substr(0, ok.size() - 1) + "\r\n\n", "ok.jsonl").size(),
      1u);
  CHECK_THROWS_WITH(readKeyframeLabels("/nonexistent/keyframes.jsonl"), "/nonexistent/keyframes.jsonl");
}

TEST(writerRefusesInvalidOrDuplicateRecords) {
  CHECK_THROWS_WITH(writeKeyframeLabels({sample("a", "x", {9})}), "keyframes[0]");
  CHECK_THROWS_WITH(writeKeyframeLabels({sample("a", "x", {3, 1})}), "strictly increasing");
  CHECK_THROWS_WITH(writeKeyframeLabels({sample("a", "", {})}), "author");
  CHECK_THROWS_WITH(writeKeyframeLabels({sample("a", "x", {1}), sample("a", "x", {2})}), "two labels for");
  CHECK_EQ(formatMicros(6480000), std::string("6.48"));
  CHECK_EQ(formatMicros(0), std::string("0"));
  CHECK_EQ(formatMicros(-1500000), std::string("-1.5"));
  CHECK_EQ(formatMicros(7), std::string("0.000007"));
  CHECK_EQ(formatShortest(29.97), std::string("29.97"));
  CHECK_EQ(formatShortest(30), std::string("30"));
}

namespace {

// A schema 2 record: drawn windows covering positions 1, 2 and 4 of the fps-10 grid (t = 0.5 .. 5.5),
// reviewed by bob.
KeyframeLabelRecord drawn() {
  KeyframeLabelRecord r;
  r.qid = "TN_1_2";
  r.dataset = "nextqa";
  r.author = "alice";
  r.video = "v.mp4";
  r.fps = 10;
  for (int i = 0; i < 6; ++i) {
    r.grid.frameIndices.push_back(5 + 10 * i);
    r.grid.timestamps.push_back(0.5 + i);
  }
  r.keyframes = {1, 2, 4};
  r.windows = {{1.2, 2.8}, {4.3, 4.6}};
  r.created = "2026-11-24T10:00:00.000Z";
  r.updated = "2026-11-24T10:05:00.000Z";
  r.review = ReviewState::Accepted;
  r.reviewer = "bob";
  r.reviewed = "2026-11-25T09:00:00.000Z";
  return r;
}

const char* const kDrawnLine =
    "{\"schema\":\"sevila-keyframes/2\",\"qid\":\"TN_1_2\",\"dataset\":\"nextqa\",\"author\":\"alice\","
    "\"video\":\"v.mp4\",\"fps\":10,\"sampling\":{\"n\":6,\"frame_indices\":[5,15,25,35,45,55],"
    "\"pts_s\":[0.5,1.5,2.5,3.5,4.5,5.5]},\"keyframes\":[1,2,4],\"frame_labels\":\"no_yes_yes_no_yes_no\","
    "\"relevant_windows\":[[1.2,2.8],[4.3,4.6]],\"windows\":\"drawn\",\"state\":\"confirmed\",\"note\":\"\","
    "\"created\":\"2026-11-24T10:00:00.000Z\",\"updated\":\"2026-11-24T10:05:00.000Z\","
    "\"review\":{\"state\":\"accepted\",\"by\":\"bob\",\"at\":\"2026-11-25T09:00:00.000Z\"}}";

// kDrawnLine with `find` replaced by `replace`.
std::string drawnLine(const std::string& find = "", const std::string& replace = "") {
  std::string s = kDrawnLine;
  if (!find.empty()) {
    const size_t at = s.find(find);
    if (at == std::string::npos) throw std::logic_error("test bug: '" + find + "' not in " + s);
    s.replace(at, find.size(), replace);
  }
  return s + "\n";
}

}  // namespace

TEST(schemaTwoLineForDrawnWindowsAndAReview) {
  CHECK_EQ(keyframeLabelLine(drawn()), std::string(kDrawnLine));
  // A review alone: derived windows, no "windows" key, still schema 2.
  KeyframeLabelRecord reviewed = drawn();
  reviewed.windows.clear();
  reviewed.review = ReviewState::Rejected;
  CHECK_EQ(
      keyframeLabelLine(reviewed),
      std::string("{\"schema\":\"sevila-keyframes/2\",\"qid\":\"TN_1_2\",\"dataset\":\"nextqa\","
                  "\"author\":\"alice\",\"video\":\"v.mp4\",\"fps\":10,\"sampling\":{\"n\":6,"
                  "\"frame_indices\":[5,15,25,35,45,55],\"pts_s\":[0.5,1.5,2.5,3.5,4.5,5.5]},"
                  "\"keyframes\":[1,2,4],\"frame_labels\":\"no_yes_yes_no_yes_no\","
                  "\"relevant_windows\":[[1.25,2.75],[4.25,4.75]],\"state\":\"confirmed\",\"note\":\"\","
                  "\"created\":\"2026-11-24T10:00:00.000Z\",\"updated\":\"2026-11-24T10:05:00.000Z\","
                  "\"review\":{\"state\":\"rejected\",\"by\":\"bob\",\"at\":\"2026-11-25T09:00:00.000Z\"}}"));
  // Windows alone: "windows":"drawn", no "review".
  KeyframeLabelRecord windowsOnly = drawn();
  windowsOnly.review = ReviewState::None;
  windowsOnly.reviewer.clear();
  windowsOnly.reviewed.clear();
  const std::string w = keyframeLabelLine(windowsOnly);
  CHECK(w.rfind("{\"schema\":\"sevila-keyframes/2\"", 0) == 0);
  CHECK(w.find("\"windows\":\"drawn\",\"state\"") != std::string::npos);
  CHECK(w.find("review") == std::string::npos);
  // Neither: schema 1, as before.
  KeyframeLabelRecord plain = windowsOnly;
  plain.windows.clear();
  CHECK(keyframeLabelLine(plain).rfind("{\"schema\":\"sevila-keyframes/1\"", 0) == 0);
  CHECK(keyframeLabelLine(plain).find("\"windows\"") == std::string::npos);
  // The QVHighlights line carries the drawn windows.
  CHECK_EQ(qvhAnnotationLine(drawn(), "a man talks.", 150),
           std::string("{\"qid\":\"TN_1_2\",\"query\":\"a man talks.\",\"duration\":150,\"vid\":\"v.mp4\","
                       "\"relevant_windows\":[[1.2,2.8],[4.3,4.6]]}"));
  CHECK_EQ(toString(ReviewState::None), std::string(""));
  CHECK_EQ(toString(ReviewState::Accepted), std::string("accepted"));
  CHECK_EQ(toString(ReviewState::Rejected), std::string("rejected"));
  CHECK(reviewStateFromString("rejected", "x") == ReviewState::Rejected);
  CHECK(reviewStateFromString("", "x") == ReviewState::None);
  CHECK_THROWS_WITH(
      reviewStateFromString("Accepted", "labels.sevila"),
      "labels.sevila: review state must be \"accepted\", \"rejected\" or empty, got \"Accepted\"");
}

TEST(schemaOneAndTwoRoundTripByteIdentical) {
  // One file mixing both schemas: the same records and the same bytes after a read and a write.
  KeyframeLabelRecord plain = drawn();
  plain.qid = "AA_0_1";
  plain.windows.clear();
  plain.review = ReviewState::None;
  plain.reviewer.clear();
  plain.reviewed.clear();
  KeyframeLabelRecord onlyReview = drawn();
  onlyReview.author = "carol";
  onlyReview.windows.clear();
  onlyReview.review = ReviewState::Rejected;
  KeyframeLabelRecord edgeWindows = drawn();
  edgeWindows.qid = "ZZ_9_9";
  edgeWindows.review = ReviewState::None;
  edgeWindows.reviewer.clear();
  edgeWindows.reviewed.clear();
  edgeWindows.windows = {{0, 0.5}, {2.5, 2.5}, {5.5, 7.123456}};  // frames on both ends of each window
  edgeWindows.keyframes = {0, 2, 5};
  const std::vector<KeyframeLabelRecord> records = {drawn(), plain, onlyReview, edgeWindows};
  const std::string text = writeKeyframeLabels(records);
  CHECK(text.rfind("{\"schema\":\"sevila-keyframes/1\",\"qid\":\"AA_0_1\"", 0) == 0);
  const std::vector<KeyframeLabelRecord> back = parseKeyframeLabels(text, "mixed.jsonl");
  REQUIRE(back.size() == 4u);
  CHECK(back[0] == plain);  // sorted by qid, then author
  CHECK(back[1] == drawn());
  CHECK(back[2] == onlyReview);
  CHECK(back[3] == edgeWindows);
  CHECK_EQ(writeKeyframeLabels(back), text);
  // Drawn windows are read to the microsecond, the writer's resolution: a longer number reads as it
  // will be written.
  const KeyframeLabelRecord longer =
      parseKeyframeLabels(drawnLine("[[1.2,2.8]", "[[1.2000004,2.8000006]"), "long.jsonl").at(0);
  CHECK(longer.windows.at(0).start == 1.2);
  CHECK(longer.windows.at(0).end == 2.800001);
  CHECK_EQ(keyframeLabelLine(longer) + "\n", drawnLine("[[1.2,2.8]", "[[1.2,2.800001]"));
}

TEST(schemaTwoHostileLines) {
  struct Case {
    const char* name;
    std::string content;
    std::string message;  // the whole message
  };
  const std::string v1 = "\"schema\":\"sevila-keyframes/1\"";
  const std::string rw = "\"relevant_windows\":[[1.2,2.8],[4.3,4.6]]";
  const std::vector<Case> cases = {
      {"windows in a v1 line", drawnLine("\"schema\":\"sevila-keyframes/2\"", v1),
       "bad.jsonl:1: field 'review': unknown key in sevila-keyframes/1 (drawn windows and reviews need "
       "sevila-keyframes/2)"},
      {"unknown key", drawnLine("\"state\":", "\"reviews\":1,\"state\":"),
       "bad.jsonl:1: field 'reviews': unknown key (this reader knows sevila-keyframes/1 and "
       "sevila-keyframes/2)"},
      {"windows not drawn", drawnLine("\"windows\":\"drawn\"", "\"windows\":\"derived\""),
       "bad.jsonl:1: field 'windows': must be \"drawn\" (or absent: windows derived from the keyframes), got "
       "\"derived\""},
      {"windows not a string", drawnLine("\"windows\":\"drawn\"", "\"windows\":true"),
       "bad.jsonl:1: field 'windows': expected a string, got boolean"},
      {"drawn miss a keyframe", drawnLine(rw, "\"relevant_windows\":[[1.2,2.8]]"),
       "bad.jsonl:1: field 'relevant_windows': the drawn windows cover positions [1,2] but the keyframes are "
       "[1,2,4] (keyframes not covered: [4])"},
      {"drawn cover more", drawnLine(rw, "\"relevant_windows\":[[1.2,3.8],[4.3,4.6]]"),
       "bad.jsonl:1: field 'relevant_windows': the drawn windows cover positions [1,2,3,4] but the keyframes "
       "are [1,2,4] (covered but not keyframes: [3])"},
      {"drawn both ways", drawnLine(rw, "\"relevant_windows\":[[0,0.5],[1.2,2.8]]"),
       "bad.jsonl:1: field 'relevant_windows': the drawn windows cover positions [0,1,2] but the keyframes "
       "are [1,2,4] (covered but not keyframes: [0]; keyframes not covered: [4])"},
      {"drawn unsorted", drawnLine(rw, "\"relevant_windows\":[[4.3,4.6],[1.2,2.8]]"),
       "bad.jsonl:1: field 'relevant_windows[1]': drawn windows must be sorted by start"},
      {"drawn overlapping", drawnLine(rw, "\"relevant_windows\":[[1.2,2.8],[2.8,4.6]]"),
       "bad.jsonl:1: field 'relevant_windows[1]': overlaps or touches the window before it (drawn windows "
       "are "
       "disjoint; merge them)"},
      {"drawn backwards", drawnLine(rw, "\"relevant_windows\":[[2.8,1.2],[4.3,4.6]]"),
       "bad.jsonl:1: field 'relevant_windows[0]': ends before it starts ([2.8, 1.2])"},
      {"drawn negative", drawnLine(rw, "\"relevant_windows\":[[-0.1,2.8],[4.3,4.6]]"),
       "bad.jsonl:1: field 'relevant_windows[0]': a drawn window must not start before 0, got -0.1"},
      {"drawn none", drawnLine(rw, "\"relevant_windows\":[]"),
       "bad.jsonl:1: field 'relevant_windows': is empty but \"windows\" says \"drawn\" (drop \"windows\")"},
      {"drawn missing", drawnLine(rw + ",", ""), "bad.jsonl:1: field 'relevant_windows': missing"},
      {"drawn not a pair", drawnLine(rw, "\"relevant_windows\":[[1.2],[4.3,4.6]]"),
       "bad.jsonl:1: field 'relevant_windows[0]': expected [start, end]"},
      {"drawn not a number", drawnLine(rw, "\"relevant_windows\":[[1.2,\"2.8\"],[4.3,4.6]]"),
       "bad.jsonl:1: field 'relevant_windows[0][1]': expected a number, got string"},
      {"not drawn, so derived", drawnLine(",\"windows\":\"drawn\"", ""),
       "bad.jsonl:1: field 'relevant_windows': do not match the keyframes (they are derived from them; drop "
       "the "
       "key to have them recomputed)"},
      {"review state", drawnLine("\"state\":\"accepted\"", "\"state\":\"maybe\""),
       "bad.jsonl:1: field 'review.state': must be \"accepted\" or \"rejected\", got \"maybe\""},
      {"review state empty", drawnLine("\"state\":\"accepted\"", "\"state\":\"\""),
       "bad.jsonl:1: field 'review.state': must be \"accepted\" or \"rejected\", got \"\""},
      {"review without reviewer", drawnLine("\"by\":\"bob\"", "\"by\":\"\""),
       "bad.jsonl:1: field 'review.by': empty (a review needs a reviewer)"},
      {"review without time", drawnLine(",\"at\":\"2026-11-25T09:00:00.000Z\"", ""),
       "bad.jsonl:1: field 'review.at': missing"},
      {"review unknown key", drawnLine("\"by\":\"bob\"", "\"by\":\"bob\",\"note\":\"ok\""),
       "bad.jsonl:1: field 'review.note': unknown key"},
      {"review a string",
       drawnLine(",\"review\":{\"state\":\"accepted\",\"by\":\"bob\",\"at\":\"2026-11-25T09:00:00.000Z\"}",
                 ",\"review\":\"yes\""),
       "bad.jsonl:1: field 'review': expected an object, got string"},
  };
  for (const Case& c : cases) {
    bool threw = false;
    try {
      parseKeyframeLabels(c.content, "bad.jsonl");
    } catch (const RowError& e) {
      threw = true;
      if (std::string(e.what()) != c.message)
        ::minitest::fail(__FILE__, __LINE__,
                         std::string(c.name) + ": message\n  " + e.what() + "\nexpected\n  " + c.message);
    } catch (const std::exception& e) {
      ::minitest::fail(__FILE__, __LINE__, std::string(c.name) + ": not a RowError: " + e.what());
      threw = true;
    }
    if (!threw) ::minitest::fail(__FILE__, __LINE__, std::string(c.name) + ": accepted");
  }
  // The good line reads; a schema 2 line using neither feature reads too (and writes back as schema 1).
  CHECK(parseKeyframeLabels(drawnLine(), "ok.jsonl").at(0) == drawn());
  const std::string bare = line("\"schema\":\"sevila-keyframes/1\"", "\"schema\":\"sevila-keyframes/2\"");
  CHECK(keyframeLabelLine(parseKeyframeLabels(bare, "bare.jsonl").at(0)) + "\n" == line());
}

TEST(validationOfWindowsAndReviews) {
  KeyframeLabelRecord r = drawn();
  r.keyframes = {1, 2};
  CHECK_THROWS_WITH(
      writeKeyframeLabels({r}),
      "field 'relevant_windows': the drawn windows cover positions [1,2,4] but the keyframes are "
      "[1,2] (covered but not keyframes: [4])");
  r = drawn();
  r.windows = {{4.3, 4.6}, {1.2, 2.8}};
  CHECK_THROWS_WITH(keyframeLabelLine(r),
                    "field 'relevant_windows[1]': drawn windows must be sorted by start");
  r = drawn();
  r.reviewer.clear();
  CHECK_THROWS_WITH(keyframeLabelLine(r), "field 'review.by': a review needs a reviewer");
  r = drawn();
  r.review = ReviewState::None;
  CHECK_THROWS_WITH(keyframeLabelLine(r), "field 'review': a reviewer or review time without a review state");
  r = drawn();
  r.windows = {{1.2, std::numeric_limits<double>::infinity()}};
  CHECK_THROWS_WITH(validateKeyframeLabel(r, "x"), "a drawn window must have finite ends");
  // operator== sees every new field.
  KeyframeLabelRecord a = drawn(), b = drawn();
  b.reviewed = "2026-11-25T09:00:01.000Z";
  CHECK(!(a == b));
  b = drawn();
  b.windows[0].end = 2.9;
  CHECK(!(a == b));
  b = drawn();
  b.review = ReviewState::Rejected;
  CHECK(!(a == b));
  b = drawn();
  b.reviewer = "carol";
  CHECK(!(a == b));
}

MINITEST_MAIN
