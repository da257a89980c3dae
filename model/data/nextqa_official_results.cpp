#include "data/nextqa_official_results.h"

#include <map>
#include <set>

#include "data/csv_reader.h"
#include "data/json_fields.h"

namespace sevila::data {

McJoin readNextQaOfficialResults(const std::string& path, const std::vector<DatasetItem>& annotations,
                                 const ReadOptions& options) {
  const std::string content = readTextFile(path);
  const nlohmann::json doc = parseJsonDocument(content, path);
  if (!doc.is_object())
    throw Error(path,
                "expected one JSON object {\"<video>_<qid>\": {\"prediction\": i, \"answer\": j}}, got " +
                    jsonTypeName(doc));
  std::map<std::string, const DatasetItem*> byKey;
  for (const DatasetItem& item : annotations) byKey[item.sourceId] = &item;
  McJoin join;
  std::set<std::string> answered;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    // The line of the key, for messages (first occurrence of the quoted key).
    int line = 1;
    const size_t at = content.find("\"" + key + "\"");
    if (at != std::string::npos)
      for (size_t i = 0; i < at; ++i) line += content[i] == '\n';
    try {
      JsonFields f(it.value(), path, line);
      auto found = byKey.find(key);
      if (found == byKey.end()) throw f.error(key, "not a '<video>_<qid>' of the annotations");
      const DatasetItem& item = *found->second;
      McRecord rec;
      rec.qid = key;
      rec.type = item.type;
      const int64_t prediction = f.integer("prediction");
      const int64_t answer = f.integer("answer");
      if (prediction < -1 || prediction >= static_cast<int64_t>(item.options.size()))
        throw f.error("prediction", "option " + std::to_string(prediction) + " outside 0-" +
                                        std::to_string(item.options.size() - 1));
      if (item.answer && answer != *item.answer)
        throw f.error("answer",
                      std::to_string(answer) + " but the annotations say " + std::to_string(*item.answer));
      rec.prediction = static_cast<int>(prediction);
      rec.answer = static_cast<int>(answer);
      answered.insert(key);
      join.records.push_back(std::move(rec));
    } catch (const RowError& e) {
      if (options.strict) throw;
      join.skipped.push_back(e.row);
    }
  }
  for (const DatasetItem& item : annotations)
    if (item.answer && !answered.count(item.sourceId)) ++join.annotatedWithoutResult;
  return join;
}

}  // namespace sevila::data
