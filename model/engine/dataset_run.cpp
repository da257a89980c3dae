#include "engine/dataset_run.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "engine/results_file.h"
#include "core/error.h"

namespace fs = std::filesystem;

namespace sevila::engine {

Shard parseShard(const std::string& text) {
  const size_t slash = text.find('/');
  Shard s;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    size_t used = 0;
    s.index = std::stoi(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("index");
    const std::string count = text.substr(slash + 1);
    s.count = std::stoi(count, &used);
    if (used != count.size()) throw std::invalid_argument("count");
  } catch (const std::exception&) {
    throw Error("--shard " + text, "expected i/N, e.g. 0/4");
  }
  if (s.count < 1 || s.index < 0 || s.index >= s.count) throw Error("--shard " + text, "needs 0 <= i < N");
  return s;
}

std::vector<data::DatasetItem> selectShard(const std::vector<data::DatasetItem>& items,
                                           const DatasetRunOptions& options) {
  std::map<std::string, size_t> videoOrder;  // video -> its rank by first appearance
  std::vector<data::DatasetItem> out;
  for (const auto& item : items) {
    const size_t rank = videoOrder.emplace(item.video, videoOrder.size()).first->second;
    if (static_cast<int>(rank % static_cast<size_t>(options.shard.count)) != options.shard.index) continue;
    if (options.limit && static_cast<int>(out.size()) >= *options.limit) break;
    out.push_back(item);
  }
  return out;
}

std::string findVideo(const std::string& directory, const std::string& videoId) {
  static const char* extensions[] = {".mp4", ".mkv", ".webm", ".avi", ".mov", ".m4v", ".mpg", ".ogv", ".flv"};
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) throw Error(directory, "is not a folder of videos");
  for (const char* ext : extensions) {
    const fs::path p = fs::path(directory) / (videoId + ext);
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  for (auto it = fs::recursive_directory_iterator(directory, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().stem() == videoId) return it->path().string();
  }
  throw Error(directory, "no video named '" + videoId + "' (tried " + videoId + ".mp4 and other extensions)");
}

DatasetRunSummary runDataset(const std::vector<data::DatasetItem>& items, const std::string& resultsPath,
                             const DatasetRunOptions& options, const VideoResolverFn& resolveVideo,
                             const AnswerItemFn& answer, const CancelToken* cancel,
                             const std::function<void(const DatasetRunProgress&)>& progress) {
  DatasetRunOptions oneByOne = options;
  oneByOne.group = 1;
  const AnswerGroupFn each = [&answer](const std::vector<data::DatasetItem>& group,
                                       const std::string& video) {
    std::vector<ChainResult> results;
    for (const auto& item : group) results.push_back(answer(item, video));
    return results;
  };
  return runDataset(items, resultsPath, oneByOne, resolveVideo, each, cancel, progress);
}

namespace {

// The pending items in groups: a video's items in shard order, at most `size` per group, groups in the
// order of their first item. With size 1, simply the items in shard order.
std::vector<std::vector<data::DatasetItem>> pendingGroups(const std::vector<data::DatasetItem>& pending,
                                                          int size) {
  std::vector<std::vector<data::DatasetItem>> groups;
  std::map<std::string, size_t> open;  // video -> its group still taking items
  for (const auto& item : pending) {
    auto it = open.find(item.video);
    if (size > 1 && it != open.end() && static_cast<int>(groups[it->second].size()) < size) {
      groups[it->second].push_back(item);
      continue;
    }
    groups.push_back({item});
    open[item.video] = groups.size() - 1;
  }
  return groups;
}

}  // namespace

DatasetRunSummary runDataset(const std::vector<data::DatasetItem>& items, const std::string& resultsPath,
                             const DatasetRunOptions& options, const VideoResolverFn& resolveVideo,
                             const AnswerGroupFn& answerGroup, const CancelToken* cancel,
                             const std::function<void(const DatasetRunProgress&)>& progress,
                             const PrepareGroupFn& prepare) {
  using Clock = std::chrono::steady_clock;
  if (options.group < 1) throw Error("--group " + std::to_string(options.group), "must be at least 1");
  if (options.decodeAhead < 0)
    throw Error("--decode-ahead " + std::to_string(options.decodeAhead), "must be at least 0");
  const auto shard = selectShard(items, options);
  std::set<std::string> finished;
  if (fs::exists(resultsPath))
    for (const auto& r : readResults(resultsPath).results) finished.insert(r.qid);

  ResultsWriter writer(resultsPath);
  DatasetRunSummary summary;
  auto& p = summary.progress;
  p.total = static_cast<int>(shard.size());
  std::vector<data::DatasetItem> pending;
  for (const auto& item : shard) {
    if (finished.count(item.qid))
      ++p.skipped;
    else
      pending.push_back(item);
  }
  const auto start = Clock::now();
  const auto fail = [&](const data::DatasetItem& item, const std::exception& e) {
    ++p.failed;
    summary.failures.push_back(item.qid + ": " + e.what());
    if (options.strict) throw;
  };
  const auto groups = pendingGroups(pending, options.group);
  size_t prepared = 0;  // groups [0, prepared) handed to `prepare` or answered
  for (size_t g = 0; g < groups.size(); ++g) {
    const auto& group = groups[g];
    if (cancel && cancel->cancelled()) {
      summary.cancelled = true;
      break;
    }
    prepared = std::max(prepared, g + 1);
    for (; prepare && prepared < std::min(groups.size(), g + 1 + static_cast<size_t>(options.decodeAhead));
         ++prepared) {
      try {
        prepare(groups[prepared], resolveVideo(groups[prepared].front()));
      } catch (const std::exception&) {  // its own failure comes when it is answered
      }
    }
    p.current = group.front().qid;
    p.inFlight = static_cast<int>(group.size());
    if (progress) progress(p);
    try {
      std::vector<ChainResult> results;
      try {
        const std::string video = resolveVideo(group.front());
        results = answerGroup(group, video);
        if (results.size() != group.size())
          throw Error("dataset run", std::to_string(results.size()) + " results for " +
                                         std::to_string(group.size()) + " items");
      } catch (const Cancelled&) {
        throw;
      } catch (const std::exception& e) {
        if (group.size() == 1) {
          fail(group.front(), e);
          results.clear();
        } else {  // again one by one: each item fails (or not) on its own
          results.clear();
          for (const auto& item : group) {
            try {
              const auto one = answerGroup({item}, resolveVideo(item));
              if (one.size() != 1) throw Error("dataset run", "no result");
              writer.append(one.front());
              ++p.done;
            } catch (const Cancelled&) {
              throw;
            } catch (const std::exception& itemError) {
              fail(item, itemError);
            }
          }
        }
      }
      for (const auto& r : results) {
        writer.append(r);
        ++p.done;
      }
    } catch (const Cancelled&) {
      summary.cancelled = true;
      break;
    }
    p.elapsedSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    const int worked = p.done + p.failed;
    const int left = p.total - p.skipped - worked;
    p.etaSeconds = worked > 0 ? p.elapsedSeconds / worked * left : 0;
  }
  p.current.clear();
  p.inFlight = 0;
  if (progress) progress(p);
  return summary;
}

}  // namespace sevila::engine
