#include "data/qvhighlights_reader.h"

#include "data/json_lines_items.h"

namespace sevila::data {

DatasetRead readQvHighlights(const std::string& path, const ReadOptions& options) {
  return readJsonLinesItems(path, options, [](const JsonFields& f, int) {
    DatasetItem item;
    item.setKind(DatasetKind::QvHighlights);
    item.sourceId = std::to_string(f.integer("qid"));
    item.qid = "QVHighlight_" + item.sourceId;
    item.query = f.nonEmptyString("query");
    item.video = f.nonEmptyString("vid");
    item.duration = f.number("duration");
    if (item.duration <= 0) throw f.error("duration", "must be positive, got " + f.raw("duration").dump());
    if (f.has("relevant_windows")) {
      const nlohmann::json& windows = f.array("relevant_windows");
      if (windows.empty())
        throw f.error("relevant_windows", "empty list (leave the key out for unlabelled queries)");
      for (size_t j = 0; j < windows.size(); ++j) {
        const std::string field = "relevant_windows[" + std::to_string(j) + "]";
        if (!windows[j].is_array() || windows[j].size() != 2)
          throw f.error(field, "expected [start, end], got " + windows[j].dump());
        const double s = f.numberValue(windows[j][0], field + "[0]");
        const double e = f.numberValue(windows[j][1], field + "[1]");
        if (s < 0 || e <= s || e > item.duration)
          throw f.error(field, windows[j].dump() +
                                   " is not a span inside [0, duration=" + f.raw("duration").dump() + "]");
        item.relevantWindows.push_back(TimeWindow{s, e});
      }
    }
    return item;
  });
}

}  // namespace sevila::data
