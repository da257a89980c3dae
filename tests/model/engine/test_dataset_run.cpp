#include <filesystem>
#include <fstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "engine/dataset_run.h"
#include "engine/results_file.h"
#include "minitest.h"

namespace fs = std::filesystem;
using namespace sevila::engine;
using sevila::data::DatasetItem;

namespace {
fs::path tempPath(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("sevila-run-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(p);
  return p;
}

std::vector<DatasetItem> items(int n) {
  std::vector<DatasetItem> out;
  for (int i = 0; i < n; ++i) {
    DatasetItem item;
    item.dataset = "nextqa";
    item.qid = "CW_v" + std::to_string(i) + "_0";
    item.video = "v" + std::to_string(i);
    item.question = "why?";
    item.options = {"a", "b", "c", "d", "e"};
    item.answer = i % 5;
    item.type = "CW";
    out.push_back(item);
  }
  return out;
}

ChainResult fakeAnswer(const DatasetItem& item, const std::string& video) {
  ChainResult r;
  r.qid = item.qid;
  r.video = video;
  r.options = item.options;
  r.groundTruth = item.answer;
  r.answer.answer = 1;
  r.answer.probabilities = {0.1, 0.6, 0.1, 0.1, 0.1};
  r.answer.logits = {0, 1.8, 0, 0, 0};
  r.frames = {{0, 0.0, 1.0, 0.5, 0.7}, {10, 0.4, 2.0, 0.6, 0.8}};
  r.keyframes = {1};
  return r;
}

std::string byId(const DatasetItem& item) {
  return "/videos/" + item.video + ".mp4";
}
}  // namespace

TEST(shardsSplitTheItemsWithoutOverlap) {
  const auto all = items(10);
  std::set<std::string> seen;
  for (int i = 0; i < 3; ++i) {
    DatasetRunOptions o;
    o.shard = parseShard(std::to_string(i) + "/3");
    for (const auto& item : selectShard(all, o)) CHECK(seen.insert(item.qid).second);
  }
  CHECK_EQ(seen.size(), size_t(10));
  DatasetRunOptions o;
  o.shard = parseShard("1/3");
  o.limit = 2;
  const auto limited = selectShard(all, o);
  REQUIRE(limited.size() == 2);
  CHECK_EQ(limited[0].qid, std::string("CW_v1_0"));
  CHECK_EQ(limited[1].qid, std::string("CW_v4_0"));
  CHECK_THROWS_WITH(parseShard("3/3"), "0 <= i < N");
  CHECK_THROWS_WITH(parseShard("x"), "expected i/N");
}

TEST(resumesAfterAnInterruptedRunWithoutRepeatingWork) {
  const fs::path out = tempPath("resume.jsonl");
  int calls = 0;
  auto counting = [&](const DatasetItem& item, const std::string& v) {
    ++calls;
    return fakeAnswer(item, v);
  };
  DatasetRunOptions o;
  o.limit = 3;
  auto first = runDataset(items(6), out.string(), o, byId, counting);
  CHECK_EQ(first.progress.done, 3);
  CHECK_EQ(calls, 3);
  // A kill in the middle of writing the 4th line leaves a partial line.
  {
    std::ofstream f(out, std::ios::app);
    f << R"({"qid": "CW_v3_0", "video": "/vid)";
  }
  CHECK(readResults(out.string()).truncatedTail);
  o.limit.reset();
  auto second = runDataset(items(6), out.string(), o, byId, counting);
  CHECK_EQ(second.progress.skipped, 3);
  CHECK_EQ(second.progress.done, 3);
  CHECK_EQ(calls, 6);
  const auto read = readResults(out.string());
  CHECK(!read.truncatedTail);
  CHECK_EQ(read.results.size(), size_t(6));
  CHECK(read.problems.empty());
  CHECK_EQ(read.results[3].qid, std::string("CW_v3_0"));
  fs::remove(out);
}

TEST(failuresAreRecordedAndStrictStops) {
  const fs::path out = tempPath("fail.jsonl");
  auto flaky = [](const DatasetItem& item, const std::string& v) {
    if (item.qid == "CW_v1_0") throw sevila::Error(v, "cannot decode");
    return fakeAnswer(item, v);
  };
  auto summary = runDataset(items(3), out.string(), DatasetRunOptions{}, byId, flaky);
  CHECK_EQ(summary.progress.done, 2);
  CHECK_EQ(summary.progress.failed, 1);
  REQUIRE(summary.failures.size() == 1);
  CHECK(summary.failures[0].find("cannot decode") != std::string::npos);
  fs::remove(out);
  DatasetRunOptions strict;
  strict.strict = true;
  CHECK_THROWS_WITH(runDataset(items(3), out.string(), strict, byId, flaky), "cannot decode");
  fs::remove(out);
}

// Items of three videos, interleaved as a shuffled annotation file would have them.
std::vector<DatasetItem> interleaved() {
  std::vector<DatasetItem> out = items(7);
  const char* videos[] = {"va", "vb", "va", "vc", "va", "vb", "va"};
  for (size_t i = 0; i < out.size(); ++i) out[i].video = videos[i];
  return out;
}

TEST(aVideosItemsStayInOneShard) {
  std::vector<std::vector<std::string>> shards(2);
  for (int i = 0; i < 2; ++i) {
    DatasetRunOptions o;
    o.shard = parseShard(std::to_string(i) + "/2");
    for (const auto& item : selectShard(interleaved(), o)) shards[i].push_back(item.qid);
  }
  // Videos by first appearance: va (0), vb (1), vc (2); items in file order.
  CHECK(shards[0] == std::vector<std::string>({"CW_v0_0", "CW_v2_0", "CW_v3_0", "CW_v4_0", "CW_v6_0"}));
  CHECK(shards[1] == std::vector<std::string>({"CW_v1_0", "CW_v5_0"}));
}

TEST(groupsGatherAVideosItemsAndKeepEveryResult) {
  const fs::path out = tempPath("group.jsonl");
  std::vector<std::vector<std::string>> calls;  // qids per call
  AnswerGroupFn grouped = [&](const std::vector<DatasetItem>& group, const std::string& video) {
    calls.emplace_back();
    std::vector<ChainResult> results;
    for (const auto& item : group) {
      CHECK_EQ(video, byId(item));  // every item of a group is of its video
      calls.back().push_back(item.qid);
      results.push_back(fakeAnswer(item, video));
    }
    return results;
  };
  DatasetRunOptions o;
  o.group = 3;
  o.limit = 6;  // the last "va" item is not in the run
  using Reported = std::vector<std::pair<std::string, int>>;
  Reported reported;  // (current, inFlight) per progress call
  auto summary =
      runDataset(interleaved(), out.string(), o, byId, grouped, nullptr,
                 [&](const DatasetRunProgress& p) { reported.emplace_back(p.current, p.inFlight); });
  CHECK_EQ(summary.progress.done, 6);
  // Progress names each group's first item and its size, then nothing in flight.
  const Reported expected = {{"CW_v0_0", 3}, {"CW_v1_0", 2}, {"CW_v3_0", 1}, {"", 0}};
  CHECK(reported == expected);
  // va: items 0, 2, 4 (a full group); vb: 1, 5; vc: 3. Groups in the order of their first item.
  REQUIRE(calls.size() == 3);
  CHECK(calls[0] == std::vector<std::string>({"CW_v0_0", "CW_v2_0", "CW_v4_0"}));
  CHECK(calls[1] == std::vector<std::string>({"CW_v1_0", "CW_v5_0"}));
  CHECK(calls[2] == std::vector<std::string>({"CW_v3_0"}));
  CHECK_EQ(readResults(out.string()).results.size(), size_t(6));
  // Resume: only the missing item runs, and a group never exceeds its size.
  calls.clear();
  o.limit.reset();
  o.group = 2;
  summary = runDataset(interleaved(), out.string(), o, byId, grouped);
  CHECK_EQ(summary.progress.skipped, 6);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0] == std::vector<std::string>({"CW_v6_0"}));
  fs::remove(out);
  calls.clear();
  o.group = 2;
  runDataset(interleaved(), out.string(), o, byId, grouped);
  CHECK_EQ(calls.size(), size_t(4));  // va: 2 + 2; vb: 2; vc: 1
  for (const auto& c : calls) CHECK(c.size() <= 2);
  fs::remove(out);
  o.group = 0;
  CHECK_THROWS_WITH(runDataset(interleaved(), out.string(), o, byId, grouped), "at least 1");
}

TEST(theNextGroupsArePreparedBeforeAGroupIsAnswered) {
  const fs::path out = tempPath("ahead.jsonl");
  std::vector<std::string> events;  // "prepare <first qid> <video>" and "answer <first qid>", in order
  AnswerGroupFn grouped = [&](const std::vector<DatasetItem>& group, const std::string& video) {
    events.push_back("answer " + group.front().qid);
    std::vector<ChainResult> results;
    for (const auto& item : group) results.push_back(fakeAnswer(item, video));
    return results;
  };
  PrepareGroupFn prepare = [&](const std::vector<DatasetItem>& group, const std::string& video) {
    events.push_back("prepare " + group.front().qid + " " + video);
  };
  // Videos of v1 cannot be found: preparing it fails quietly, answering it fails as it always did.
  VideoResolverFn resolve = [](const DatasetItem& item) {
    if (item.video == "v1") throw sevila::Error(item.video, "no such video");
    return byId(item);
  };
  DatasetRunOptions o;
  o.decodeAhead = 2;
  auto summary = runDataset(items(4), out.string(), o, resolve, grouped, nullptr, {}, prepare);
  CHECK_EQ(summary.progress.done, 3);
  CHECK_EQ(summary.progress.failed, 1);
  CHECK(events ==
        std::vector<std::string>({"prepare CW_v2_0 /videos/v2.mp4", "answer CW_v0_0",
                                  "prepare CW_v3_0 /videos/v3.mp4", "answer CW_v2_0", "answer CW_v3_0"}));
  fs::remove(out);
  // One ahead: each group is prepared once, just before the one before it is answered.
  events.clear();
  o.decodeAhead = 1;
  runDataset(items(3), out.string(), o, byId, grouped, nullptr, {}, prepare);
  CHECK(events ==
        std::vector<std::string>({"prepare CW_v1_0 /videos/v1.mp4", "answer CW_v0_0",
                                  "prepare CW_v2_0 /videos/v2.mp4", "answer CW_v1_0", "answer CW_v2_0"}));
  fs::remove(out);
  o.decodeAhead = -1;
  CHECK_THROWS_WITH(runDataset(items(3), out.string(), o, byId, grouped, nullptr, {}, prepare),
                    "--decode-ahead -1");
}

TEST(aFailingGroupIsAnsweredAgainItemByItem) {
  const fs::path out = tempPath("group-fail.jsonl");
  int groupCalls = 0;
  AnswerGroupFn grouped = [&](const std::vector<DatasetItem>& group, const std::string& video) {
    ++groupCalls;
    std::vector<ChainResult> results;
    for (const auto& item : group) {
      if (item.qid == "CW_v2_0") throw sevila::Error(item.qid, "6 options");
      results.push_back(fakeAnswer(item, video));
    }
    return results;
  };
  DatasetRunOptions o;
  o.group = 4;
  auto summary = runDataset(interleaved(), out.string(), o, byId, grouped);
  CHECK_EQ(summary.progress.done, 6);  // the bad item's neighbours are answered
  CHECK_EQ(summary.progress.failed, 1);
  REQUIRE(summary.failures.size() == 1);
  CHECK_EQ(summary.failures[0], std::string("CW_v2_0: CW_v2_0: 6 options"));
  CHECK_EQ(groupCalls, 1 + 4 + 2);  // va's group, then its 4 items alone; vb; vc
  CHECK_EQ(readResults(out.string()).results.size(), size_t(6));
  fs::remove(out);
  o.strict = true;
  CHECK_THROWS_WITH(runDataset(interleaved(), out.string(), o, byId, grouped), "6 options");
  const auto written = readResults(out.string()).results;
  CHECK_EQ(written.size(), size_t(1));  // va's first item, answered alone before the bad one
  fs::remove(out);
}

TEST(cancelStopsBetweenItems) {
  const fs::path out = tempPath("cancel.jsonl");
  CancelToken token;
  auto cancelling = [&](const DatasetItem& item, const std::string& v) {
    token.cancel();
    return fakeAnswer(item, v);
  };
  auto summary = runDataset(items(5), out.string(), DatasetRunOptions{}, byId, cancelling, &token);
  CHECK(summary.cancelled);
  CHECK_EQ(summary.progress.done, 1);
  CHECK_EQ(readResults(out.string()).results.size(), size_t(1));
  fs::remove(out);
}

TEST(resultLinesRoundTripEverythingTheStudioNeeds) {
  ChainResult r = fakeAnswer(items(1)[0], "/videos/v0.mp4");
  r.concat = OptionScores{{0.1, 0.2}, {0.4, 0.6}, 1};
  r.frameAnswers = {1, 0};
  r.voting = 0;
  r.oracle = true;
  r.stageSeconds["vision"] = 1.5;
  r.device = "cuda:0";
  r.precision = "bf16";
  const auto back = chainResultFromJson(toJson(r), "test");
  CHECK_EQ(back.device, std::string("cuda:0"));
  CHECK_EQ(back.precision, std::string("bf16"));
  CHECK_EQ(back.qid, r.qid);
  CHECK_EQ(back.frames.size(), size_t(2));
  CHECK_EQ(back.frames[1].frameIndex, int64_t(10));
  CHECK_NEAR(back.frames[1].yesNoProb, 0.8, 1e-12);
  CHECK_EQ(back.keyframes, std::vector<int>{1});
  CHECK_EQ(back.answer.answer, 1);
  CHECK(back.concat.has_value());
  CHECK_EQ(*back.voting, 0);
  CHECK(*back.oracle);
  CHECK_NEAR(back.stageSeconds.at("vision"), 1.5, 1e-12);
  nlohmann::json bad = toJson(r);
  bad["keyframes"] = {7};
  CHECK_THROWS_WITH(chainResultFromJson(bad, "results.jsonl:3"), "outside the sampled frames");
  bad.erase("qid");
  CHECK_THROWS_WITH(chainResultFromJson(bad, "results.jsonl:3"), "missing field 'qid'");
}

TEST(majorityVoteBreaksTiesTowardsTheSmallestOption) {
  CHECK_EQ(majorityVote({2, 2, 1, 0}, 5), 2);
  CHECK_EQ(majorityVote({3, 1, 1, 3}, 5), 1);
  CHECK_EQ(majorityVote({}, 5), 0);
}

MINITEST_MAIN
