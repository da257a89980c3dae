#include "data/sevila_results.h"

#include "data/dataset_kind.h"

#include <map>
#include <set>

#include "data/csv_reader.h"
#include "data/json_fields.h"

namespace sevila::data {

SevilaResultsRead readSevilaResults(const std::string& path, const ReadOptions& options) {
  const std::string content = readTextFile(path);
  SevilaResultsRead read;
  std::set<std::string> seen;
  forEachJsonLine(content, [&](int line, const std::string& text) {
    try {
      const nlohmann::json object = parseJsonLine(text, path, line);
      JsonFields f(object, path, line);
      SevilaResult r;
      r.file = path;
      r.line = line;
      r.qid = f.id("qid");
      const int64_t prediction = f.integer("prediction");
      if (prediction < -1 || prediction > 1000)
        throw f.error("prediction", "option index " + std::to_string(prediction) + " out of range");
      r.prediction = static_cast<int>(prediction);
      if (f.has("answer")) {
        const int64_t answer = f.integer("answer");
        if (answer < 0 || answer > 1000)
          throw f.error("answer", "option index " + std::to_string(answer) + " out of range");
        r.answer = static_cast<int>(answer);
      }
      if (f.has("type")) r.type = f.string("type");
      if (f.has("dataset")) r.dataset = f.string("dataset");
      if (!seen.insert(r.qid).second) throw f.error("qid", "duplicate qid '" + r.qid + "'");
      read.results.push_back(std::move(r));
    } catch (const RowError& e) {
      if (options.strict) throw;
      read.skipped.push_back(e.row);
    }
  });
  return read;
}

McJoin joinResults(const std::vector<SevilaResult>& results, const std::vector<DatasetItem>* annotations,
                   const std::string& dataset, const ReadOptions& options) {
  McJoin join;
  std::map<std::string, const DatasetItem*> byQid;
  if (annotations)
    for (const DatasetItem& item : *annotations) byQid[item.qid] = &item;
  std::set<std::string> answered;
  for (const SevilaResult& r : results) {
    try {
      McRecord rec;
      rec.qid = r.qid;
      rec.prediction = r.prediction;
      rec.type = r.type;
      std::optional<int> answer = r.answer;
      if (annotations) {
        auto it = byQid.find(r.qid);
        if (it == byQid.end())
          throw RowError(r.file, r.line, "qid", "'" + r.qid + "' is not in the annotations");
        const DatasetItem& item = *it->second;
        if (item.answer && answer && *answer != *item.answer)
          throw RowError(
              r.file, r.line, "answer",
              std::to_string(*answer) + " but the annotations say " + std::to_string(*item.answer));
        if (!answer) answer = item.answer;
        if (!rec.type.empty() && !item.type.empty() && rec.type != item.type)
          throw RowError(r.file, r.line, "type",
                         "'" + rec.type + "' but the annotations say '" + item.type + "'");
        if (rec.type.empty()) rec.type = item.type;
        if (!item.options.empty() && (rec.prediction >= static_cast<int>(item.options.size())))
          throw RowError(r.file, r.line, "prediction",
                         "option " + std::to_string(rec.prediction) + " but the question has " +
                             std::to_string(item.options.size()) + " options");
      }
      if (!answer) throw RowError(r.file, r.line, "answer", "missing (and no annotation gives it)");
      rec.answer = *answer;
      const auto kind = datasetKindFromName(dataset.empty() ? r.dataset : dataset);
      if (rec.type.empty() && (kind == DatasetKind::NextQa || kind == DatasetKind::Star))
        rec.type = rec.qid.substr(0, rec.qid.find('_'));
      answered.insert(rec.qid);
      join.records.push_back(std::move(rec));
    } catch (const RowError& e) {
      if (options.strict) throw;
      join.skipped.push_back(e.row);
    }
  }
  if (annotations)
    for (const DatasetItem& item : *annotations)
      if (item.answer && !answered.count(item.qid)) ++join.annotatedWithoutResult;
  return join;
}

}  // namespace sevila::data
