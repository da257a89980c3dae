#include "engine/dataset_run.h"

#include <chrono>
#include <filesystem>
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
  std::vector<data::DatasetItem> out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (static_cast<int>(i % options.shard.count) != options.shard.index) continue;
    if (options.limit && static_cast<int>(out.size()) >= *options.limit) break;
    out.push_back(items[i]);
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
  using Clock = std::chrono::steady_clock;
  const auto shard = selectShard(items, options);
  std::set<std::string> finished;
  if (fs::exists(resultsPath))
    for (const auto& r : readResults(resultsPath).results) finished.insert(r.qid);

  ResultsWriter writer(resultsPath);
  DatasetRunSummary summary;
  auto& p = summary.progress;
  p.total = static_cast<int>(shard.size());
  const auto start = Clock::now();
  for (const auto& item : shard) {
    if (finished.count(item.qid)) {
      ++p.skipped;
      continue;
    }
    if (cancel && cancel->cancelled()) {
      summary.cancelled = true;
      break;
    }
    p.current = item.qid;
    if (progress) progress(p);
    try {
      ChainResult result = answer(item, resolveVideo(item));
      writer.append(result);
      finished.insert(item.qid);
      ++p.done;
    } catch (const Cancelled&) {
      summary.cancelled = true;
      break;
    } catch (const std::exception& e) {
      ++p.failed;
      summary.failures.push_back(item.qid + ": " + e.what());
      if (options.strict) throw;
    }
    p.elapsedSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    const int worked = p.done + p.failed;
    const int left = p.total - p.skipped - worked;
    p.etaSeconds = worked > 0 ? p.elapsedSeconds / worked * left : 0;
  }
  p.current.clear();
  if (progress) progress(p);
  return summary;
}

}  // namespace sevila::engine
