#include "data/value_qa_format.h"

#include "data/csv_reader.h"
#include "data/json_fields.h"

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

DatasetRead readValueQaJsonl(const std::string& path, const ReadOptions& options, const std::string& dataset,
                             const std::string& qidPrefix, int numOptions) {
  const std::string content = readTextFile(path);
  RowCollector rows(path, options);
  int index = 0;
  forEachJsonLine(content, [&](int line, const std::string& text) {
    const int position = index++;
    rows.row(line, [&]() {
      const nlohmann::json object = parseJsonLine(text, path, line);
      JsonFields f(object, path, line);
      DatasetItem item;
      item.dataset = dataset;
      item.qid = qidPrefix + "_" + std::to_string(position);
      item.sourceId = f.id("qid");
      item.video = f.nonEmptyString("vid_name");
      item.question = f.nonEmptyString("q");
      for (int j = 0; j < numOptions; ++j) item.options.push_back(f.nonEmptyString("a" + std::to_string(j)));
      if (f.has("answer_idx")) {
        const int64_t answer = f.integer("answer_idx");
        if (answer < 0 || answer >= numOptions)
          throw f.error("answer_idx", "answer index " + std::to_string(answer) + " outside 0-" + std::to_string(numOptions - 1));
        item.answer = static_cast<int>(answer);
      }
      if (f.has("ts")) item.clip = parseTimestampRange(f.string("ts"), path, line, "ts");
      return item;
    });
  });
  return rows.take();
}

}  // namespace sevila::data
