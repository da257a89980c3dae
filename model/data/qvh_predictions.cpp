#include "data/qvh_predictions.h"

#include <cmath>
#include <set>

#include "data/csv_reader.h"
#include "data/json_fields.h"

namespace sevila::data {

QvhPredictionsRead readQvhPredictions(const std::string& path, const ReadOptions& options) {
  const std::string content = readTextFile(path);
  QvhPredictionsRead read;
  std::set<std::string> seen;
  forEachJsonLine(content, [&](int line, const std::string& text) {
    try {
      const nlohmann::json object = parseJsonLine(text, path, line);
      JsonFields f(object, path, line);
      MrPrediction p;
      p.qid = f.id("qid");
      if (p.qid.rfind("QVHighlight_", 0) == 0) p.qid = p.qid.substr(12);
      if (p.qid.empty() || p.qid.find_first_not_of("0123456789") != std::string::npos)
        throw f.error("qid", "expected an integer or \"QVHighlight_<n>\", got '" + f.id("qid") + "'");
      const nlohmann::json& windows = f.array("pred_relevant_windows");
      for (size_t j = 0; j < windows.size(); ++j) {
        const std::string field = "pred_relevant_windows[" + std::to_string(j) + "]";
        if (!windows[j].is_array() || windows[j].size() != 3)
          throw f.error(field, "expected [start, end, score], got " + windows[j].dump());
        ScoredWindow w{f.numberValue(windows[j][0], field + "[0]"),
                       f.numberValue(windows[j][1], field + "[1]"),
                       f.numberValue(windows[j][2], field + "[2]")};
        if (w.end < w.start)
          read.warnings.push_back(path + ":" + std::to_string(line) + ": qid " + p.qid + " " + field + " " +
                                  windows[j].dump() +
                                  " ends before it starts; scored as the official "
                                  "evaluation scores it (IoU 0)");
        p.windows.push_back(w);
      }
      if (!seen.insert(p.qid).second) throw f.error("qid", "duplicate qid " + p.qid);
      read.predictions.push_back(std::move(p));
    } catch (const RowError& e) {
      if (options.strict) throw;
      read.skipped.push_back(e.row);
    }
  });
  return read;
}

std::vector<MrGroundTruth> groundTruthFromItems(const std::vector<DatasetItem>& items) {
  std::vector<MrGroundTruth> gt;
  for (const DatasetItem& item : items) {
    if (item.relevantWindows.empty())
      throw Error(
          item.sourceFile + ":" + std::to_string(item.sourceLine),
          "qid " + item.sourceId + " has no relevant_windows",
          "evaluate on a labelled file (highlight_val_release.jsonl or highlight_test_with_gt.jsonl)");
    gt.push_back(MrGroundTruth{item.sourceId, item.relevantWindows});
  }
  return gt;
}

}  // namespace sevila::data
