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
};

struct DatasetRunProgress {
  int done = 0;     // items answered in this run
  int skipped = 0;  // already in the results file
  int failed = 0;
  int total = 0;  // items of this shard (after the limit)
  double elapsedSeconds = 0;
  double etaSeconds = 0;
  std::string current;  // qid in flight
};

struct DatasetRunSummary {
  DatasetRunProgress progress;
  std::vector<std::string> failures;  // "qid: reason"
  bool cancelled = false;
};

using AnswerItemFn = std::function<ChainResult(const data::DatasetItem& item, const std::string& videoPath)>;
using VideoResolverFn = std::function<std::string(const data::DatasetItem& item)>;

// The items of a shard: every N-th item starting at i, in file order, then the limit.
std::vector<data::DatasetItem> selectShard(const std::vector<data::DatasetItem>& items,
                                           const DatasetRunOptions& options);

DatasetRunSummary runDataset(const std::vector<data::DatasetItem>& items, const std::string& resultsPath,
                             const DatasetRunOptions& options, const VideoResolverFn& resolveVideo,
                             const AnswerItemFn& answer, const CancelToken* cancel = nullptr,
                             const std::function<void(const DatasetRunProgress&)>& progress = {});

// Finds a video by id in a folder: <dir>/<id>.<ext> for the usual extensions, then a recursive search
// (NExT-QA keeps videos in numbered sub-folders). Throws sevila::Error naming the id and the folder.
std::string findVideo(const std::string& directory, const std::string& videoId);

}  // namespace sevila::engine
