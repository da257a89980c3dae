// sevila run: a whole dataset split through the forward chain, resumable and shardable.
#include <csignal>
#include <cstdio>
#include <map>
#include <memory>

#include "chain_arguments.h"
#include "progress_line.h"
#include "command.h"
#include "data/dataset_reader.h"
#include "engine/dataset_run.h"
#include "engine/forward_chain.h"
#include "engine/frame_prefetch.h"
#include "interrupt.h"
#include "media/frame_source.h"
#include "model_arguments.h"
#include "nn/sevila_model.h"
#include "core/sha256.h"

namespace sevila::cli {
namespace {

const OptionSet& declaredOptions() {
  static const engine::DatasetRunOptions d;
  static const OptionSet options =
      OptionSet(
          "sevila run --dataset NAME --annotations FILE --videos DIR --model DIR --out results.jsonl "
          "[options]",
          "Runs SeViLA over a dataset split and appends one JSON line per item to --out. Re-running the "
          "same\n"
          "command resumes: items already in the file are skipped; an interrupted run (Ctrl+C, a kill) loses "
          "at\n"
          "most the items in flight (one video's group).")
          .group("Data")
          .value("--dataset", "NAME", "nextqa, star, how2qa, tvqa, vlep or qvhighlights")
          .value("--annotations", "FILE", "the split's annotation file")
          .value("--videos", "DIR", "folder of videos (searched recursively for <video id>.<ext>)")
          .value("--out", "FILE", "results (JSON lines), appended to")
          .flag("--strict", "stop at the first malformed annotation row or failing item")
          .group("Work split")
          .value("--shard", "i/N", "this machine's share: the items of videos i, i+N, i+2N, ... (0 <= i < N)",
                 std::to_string(d.shard.index) + "/" + std::to_string(d.shard.count))
          .value("--limit", "N", "at most N items (of the shard)")
          .value("--group", "N",
                 "answer up to N items of one video together: one ViT, Localizer and Answerer pass for all "
                 "(1: one at a time)",
                 std::to_string(d.group))
          .value("--decode-ahead", "N",
                 "decode the videos of the next N groups on worker threads while the model answers (0: "
                 "decode each when its turn comes)",
                 std::to_string(d.decodeAhead))
          .include(chainOptions())
          .include(modelOptions());
  return options;
}

int runRun(const std::vector<std::string>& words) {
  const Arguments args = declaredOptions().parse(words);
  if (args.flag("--help")) {
    std::printf("%s", declaredOptions().help().c_str());
    return 0;
  }
  const std::string dataset = args.require("--dataset");
  const std::string annotations = args.require("--annotations");
  const std::string videos = args.require("--videos");
  const std::string out = args.require("--out");
  engine::DatasetRunOptions runOptions;
  if (auto shard = args.value("--shard")) runOptions.shard = engine::parseShard(*shard);
  if (args.value("--limit")) runOptions.limit = args.intValue("--limit", 0);
  runOptions.strict = args.flag("--strict");
  runOptions.group = args.intValue("--group", runOptions.group);
  runOptions.decodeAhead = args.intValue("--decode-ahead", runOptions.decodeAhead);
  if (runOptions.decodeAhead < 0)
    throw Error("--decode-ahead " + std::to_string(runOptions.decodeAhead), "must be at least 0");
  const engine::ChainOptions chain = chainOptionsFrom(args);

  data::ReadOptions readOptions;
  readOptions.strict = runOptions.strict;
  const data::DatasetRead read = data::readDataset(dataset, annotations, readOptions);
  if (!read.skipped.empty()) {
    std::fprintf(stderr, "skipped %zu malformed annotation rows:\n", read.skipped.size());
    for (size_t i = 0; i < read.skipped.size() && i < 10; ++i)
      std::fprintf(stderr, "  %s\n", data::describe(read.skipped[i]).c_str());
  }
  std::fprintf(stderr, "%zu items in %s\n", read.items.size(), annotations.c_str());
  if (read.items.empty()) throw Error(annotations, "no usable item", "check --dataset and the file's format");

  auto model = loadModelFromArguments(args);
  engine::SevilaEngine engine(model, featureCacheFrom(args));
  engine::CancelToken cancel;
  const InterruptCancels interrupts(cancel);

  const std::string modelName = args.require("--model");
  // Every result names the model that produced it: the folder, the checkpoint and the checkpoint's hash.
  const std::string checkpointSha256 = model->checkpoint().empty() ? "" : sha256File(model->checkpoint());
  const auto questionsOf = [](const std::vector<data::DatasetItem>& items) {
    std::vector<engine::Question> questions;
    for (const auto& item : items) questions.push_back(engine::questionFor(item));
    return questions;
  };
  const auto jobKey = [](const std::vector<data::DatasetItem>& items, const std::string& video) {
    std::string key = video;
    for (const auto& item : items) key += "\n" + item.qid;
    return key;
  };
  // The next groups' videos are decoded on these workers while the model answers.
  std::unique_ptr<engine::FramePrefetch> prefetch;
  if (runOptions.decodeAhead > 0) prefetch = std::make_unique<engine::FramePrefetch>(runOptions.decodeAhead);
  auto prepare = [&](const std::vector<data::DatasetItem>& items, const std::string& video) {
    if (prefetch)
      prefetch->request(jobKey(items, video), video, engine.decodePlan(questionsOf(items), chain));
  };
  auto answer = [&](const std::vector<data::DatasetItem>& items, const std::string& video) {
    const std::vector<engine::Question> questions = questionsOf(items);
    std::unique_ptr<media::FrameSource> decoded = prefetch ? prefetch->take(jobKey(items, video)) : nullptr;
    auto results = decoded ? engine.runGroup(*decoded, questions, chain, &cancel)
                           : engine.runGroup(video, questions, chain, &cancel);
    for (size_t i = 0; i < results.size(); ++i) {
      results[i].video = items[i].video;
      results[i].model = modelName;
      results[i].checkpointSha256 = checkpointSha256;
    }
    return results;
  };
  std::map<std::string, std::string> found;  // video id -> file: each group's video is asked for twice
  auto resolve = [&](const data::DatasetItem& item) {
    auto it = found.find(item.video);
    if (it == found.end()) it = found.emplace(item.video, engine::findVideo(videos, item.video)).first;
    return it->second;
  };
  ProgressLine line;
  auto progress = [&line](const engine::DatasetRunProgress& p) {
    const int finished = p.done + p.failed + p.skipped;
    const std::string current =
        p.inFlight > 1 ? p.current + " (+" + std::to_string(p.inFlight - 1) + " of its video)" : p.current;
    char text[512];
    std::snprintf(text, sizeof text, "[%d/%d] done %d, skipped %d, failed %d, elapsed %s, ETA %s  %s",
                  finished, p.total, p.done, p.skipped, p.failed, clockText(p.elapsedSeconds).c_str(),
                  clockText(p.etaSeconds).c_str(), current.c_str());
    line.update(text);
  };
  const auto summary = engine::runDataset(read.items, out, runOptions, resolve, engine::AnswerGroupFn(answer),
                                          &cancel, progress, engine::PrepareGroupFn(prepare));
  line.finish();
  for (const auto& f : summary.failures) std::fprintf(stderr, "failed: %s\n", f.c_str());
  std::printf("%d answered, %d already done, %d failed%s; results in %s\n", summary.progress.done,
              summary.progress.skipped, summary.progress.failed,
              summary.cancelled ? " (interrupted: re-run to resume)" : "", out.c_str());
  return summary.cancelled ? 130 : (summary.progress.failed > 0 ? 1 : 0);
}

}  // namespace

Command runCommand() {
  return {"run", "run a whole dataset split (resumable, shardable)", runRun};
}

}  // namespace sevila::cli
