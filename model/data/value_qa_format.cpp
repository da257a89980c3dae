#include "data/value_qa_format.h"

#include "data/json_lines_items.h"

namespace sevila::data {

std::optional<TimeWindow> parseTimestampRange(const std::string& text, const std::string& file, int line,
                                              const std::string& field) {
  if (text == "NaN-NaN") return std::nullopt;
  const size_t dash = text.find('-', 1);
  auto start = dash == std::string::npos ? std::nullopt : parseNumber(text.substr(0, dash));
  auto end = dash == std::string::npos ? std::nullopt : parseNumber(text.substr(dash + 1));
  if (!start || !end) throw RowError(file, line, field, "expected \"start-end\" seconds, got '" + text + "'");
  if (*start < 0 || *end < *start)
    throw RowError(file, line, field, "'" + text + "' is not a valid span (need 0 <= start <= end)");
  return TimeWindow{*start, *end};
}

DatasetRead readValueQaJsonl(const std::string& path, const ReadOptions& options, DatasetKind dataset,
                             const std::string& qidPrefix, int numOptions) {
  return readJsonLinesItems(path, options, [&](const JsonFields& f, int position) {
    DatasetItem item;
    item.setKind(dataset);
    item.qid = qidPrefix + "_" + std::to_string(position);
    item.sourceId = f.id("qid");
    item.video = f.nonEmptyString("vid_name");
    item.question = f.nonEmptyString("q");
    for (int j = 0; j < numOptions; ++j) item.options.push_back(f.nonEmptyString("a" + std::to_string(j)));
    if (f.has("answer_idx")) {
      const int64_t answer = f.integer("answer_idx");
      if (answer < 0 || answer >= numOptions)
        throw f.error("answer_idx", "answer index " + std::to_string(answer) + " outside 0-" +
                                        std::to_string(numOptions - 1));
      item.answer = static_cast<int>(answer);
    }
    if (f.has("ts")) item.clip = parseTimestampRange(f.string("ts"), path, f.line(), "ts");
    return item;
  });
}

}  // namespace sevila::data
