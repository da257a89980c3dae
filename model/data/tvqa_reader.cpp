#include "data/tvqa_reader.h"

#include "data/csv_reader.h"
#include "data/json_fields.h"
#include "data/value_qa_format.h"

namespace sevila::data {

namespace {

DatasetRead readTvqaPlus(const std::string& path, const std::string& content, const ReadOptions& options) {
  const nlohmann::json doc = parseJsonDocument(content, path);
  if (!doc.is_array()) throw Error(path, "expected one JSON array (TVQA+), got " + jsonTypeName(doc));
  const std::vector<int> lines = topLevelArrayElementLines(content);
  RowCollector rows(path, options);
  for (size_t i = 0; i < doc.size(); ++i) {
    const int line = i < lines.size() ? lines[i] : 0;
    rows.row(line, [&]() {
      JsonFields f(doc[i], path, line);
      DatasetItem item;
      item.setKind(DatasetKind::Tvqa);
      item.qid = "TVQA_" + std::to_string(i);
      item.sourceId = f.id("qid");
      item.video = f.nonEmptyString("vid_name");
      item.question = f.nonEmptyString("q");
      for (int j = 0; j < 5; ++j) item.options.push_back(f.nonEmptyString("a" + std::to_string(j)));
      if (f.has("answer_idx")) {
        const nlohmann::json& a = f.raw("answer_idx");
        int64_t answer = -1;
        if (a.is_string()) {
          const std::string s = a.get<std::string>();
          if (s.size() != 1 || s[0] < '0' || s[0] > '9')
            throw f.error("answer_idx", "expected \"0\"..\"4\", got '" + s + "'");
          answer = s[0] - '0';
        } else {
          answer = f.integer("answer_idx");
        }
        if (answer < 0 || answer > 4)
          throw f.error("answer_idx", "answer index " + std::to_string(answer) + " outside 0-4");
        item.answer = static_cast<int>(answer);
      }
      if (f.has("ts")) {
        const nlohmann::json& ts = f.raw("ts");
        if (ts.is_string()) {
          item.clip = parseTimestampRange(ts.get<std::string>(), path, line, "ts");
        } else {
          if (!ts.is_array() || ts.size() != 2)
            throw f.error("ts", "expected [start, end], got " + ts.dump());
          const double s = f.numberValue(ts[0], "ts[0]"), e = f.numberValue(ts[1], "ts[1]");
          if (s < 0 || e < s) throw f.error("ts", ts.dump() + " is not a valid span");
          item.clip = TimeWindow{s, e};
        }
      }
      return item;
    });
  }
  return rows.take();
}

}  // namespace

DatasetRead readTvqa(const std::string& path, const ReadOptions& options) {
  const std::string content = readTextFile(path);
  const size_t first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && content[first] == '[') return readTvqaPlus(path, content, options);
  return readValueQaJsonl(path, options, DatasetKind::Tvqa, "TVQA", 5);
}

}  // namespace sevila::data
