// A whole dataset split through the chain: selects the shard and limit, skips items already in the
// results file (resume), finds each item's video, answers it, appends the result, and reports progress
// with an ETA. The answering itself is a callback, so the runner is independent of the model.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset_item.h"
#include "engine/cancel_token.h"
#include "engine/chain_result.h"

namespace sevila::engine {

struct Shard {
  int index = 0;  // 0-based
  int count = 1;
};
// Parses "i/N" with 0 <= i < N. Throws sevila::Error.
Shard parseShard(const std::string& text);

struct DatasetRunOptions {
  Shard shard;
  std::optional<int> limit;  // at most this many items of the shard
  bool strict = false;       // stop at the first item that fails (default: record it and go on)
  // At most this many pending items of one video answered together (SevilaEngine::runGroup: NExT-QA has
  // about 5 per video); 1 answers item by item in file order. Groups gather a video's items from anywhere in
  // the shard.
  int group = 8;
  // Groups handed to `prepare` ahead of the one being answered (their videos decoded meanwhile:
  // engine/frame_prefetch.h); 0 prepares none.
  int decodeAhead = 2;
};

struct DatasetRunProgress {
  int done = 0;     // items answered in this run
  int skipped = 0;  // already in the results file
  int failed = 0;
  int total = 0;  // items of this shard (after the limit)
  double elapsedSeconds = 0;
  double etaSeconds = 0;
  std::string current;  // qid in flight (the first of its group)
  int inFlight = 0;     // items in flight: current's group
};

struct DatasetRunSummary {
  DatasetRunProgress progress;
  std::vector<std::string> failures;  // "qid: reason"
  bool cancelled = false;
};

using AnswerItemFn = std::function<ChainResult(const data::DatasetItem& item, const std::string& videoPath)>;
// Items of one video (in shard order) -> one result each, in the same order.
using AnswerGroupFn = std::function<std::vector<ChainResult>(const std::vector<data::DatasetItem>& items,
                                                             const std::string& videoPath)>;
// A group that answerGroup will be called with later (the same items and video): a chance to start
// work for it. Its errors are ignored (the group fails, or not, when answered).
using PrepareGroupFn =
    std::function<void(const std::vector<data::DatasetItem>& items, const std::string& videoPath)>;
using VideoResolverFn = std::function<std::string(const data::DatasetItem& item)>;

// The items of a shard: those of every N-th video (by first appearance in the file) starting at i, in
// file order, then the limit. A video's questions stay on one machine: its features are computed once and
// its questions can be answered together.
std::vector<data::DatasetItem> selectShard(const std::vector<data::DatasetItem>& items,
                                           const DatasetRunOptions& options);

// Item by item (options.group is ignored).
DatasetRunSummary runDataset(const std::vector<data::DatasetItem>& items, const std::string& resultsPath,
                             const DatasetRunOptions& options, const VideoResolverFn& resolveVideo,
                             const AnswerItemFn& answer, const CancelToken* cancel = nullptr,
                             const std::function<void(const DatasetRunProgress&)>& progress = {});
// In groups of up to options.group items of one video. A group that fails (not cancelled) is answered
// again item by item, so each failure is the item's own, with its reason; results are appended as each
// group finishes, so an interruption loses at most the group in flight. Before a group is answered, the
// next options.decodeAhead groups not yet prepared go to `prepare`, in the order they will be answered.
DatasetRunSummary runDataset(const std::vector<data::DatasetItem>& items, const std::string& resultsPath,
                             const DatasetRunOptions& options, const VideoResolverFn& resolveVideo,
                             const AnswerGroupFn& answerGroup, const CancelToken* cancel = nullptr,
                             const std::function<void(const DatasetRunProgress&)>& progress = {},
                             const PrepareGroupFn& prepare = {});

// Finds a video by id in a folder: <dir>/<id>.<ext> for the usual extensions, then a recursive search
// (NExT-QA keeps videos in numbered sub-folders). Throws sevila::Error naming the id and the folder.
std::string findVideo(const std::string& directory, const std::string& videoId);

}  // namespace sevila::engine
