#include "data/how2qa_reader.h"

#include <cmath>

#include "data/csv_reader.h"
#include "data/json_fields.h"
#include "data/value_qa_format.h"

namespace sevila::data {

int how2QaAnswerSlot(const std::string& youtubeId, const std::string& span, const std::string& question) {
  const std::string key = youtubeId + "|" + span + "|" + question;
  uint32_t h = 2166136261u;
  for (unsigned char c : key) {
    h ^= c;
    h *= 16777619u;
  }
  return static_cast<int>(h % 4u);
}

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

DatasetRead readOfficialCsv(const std::string& path, const ReadOptions& options) {
  static const char* const kColumns[] = {"youtube_id", "span",     "wrong_1",       "wrong_2",
                                         "wrong_3",    "question", "correct_answer"};
  CsvReader csv(readTextFile(path));
  RowCollector rows(path, options);
  CsvRecord rec;
  int index = 0;
  while (csv.next(rec)) {
    const int position = index++;
    rows.row(rec.line, [&]() {
      const int line = rec.line;
      if (rec.error)
        throw RowError(path, line, rec.error->first < 7 ? kColumns[rec.error->first] : "row",
                       rec.error->second);
      if (rec.fields.size() != 7)
        throw RowError(path, line, rec.fields.size() < 7 ? kColumns[rec.fields.size()] : "row",
                       "expected 7 columns (no header), got " + std::to_string(rec.fields.size()));
      const auto& fld = rec.fields;
      for (int c = 0; c < 7; ++c)
        if (isBlank(fld[c])) throw RowError(path, line, kColumns[c], "empty");
      const std::string& span = fld[1];
      const size_t colon = span.find(':');
      if (span.size() < 5 || span.front() != '[' || span.back() != ']' || colon == std::string::npos)
        throw RowError(path, line, "span", "expected \"[start:end]\", got '" + span + "'");
      auto start = parseNumber(span.substr(1, colon - 1));
      auto end = parseNumber(span.substr(colon + 1, span.size() - colon - 2));
      if (!start || !end)
        throw RowError(path, line, "span", "expected \"[start:end]\" seconds, got '" + span + "'");
      if (*start < 0 || *end < *start)
        throw RowError(path, line, "span", "'" + span + "' is not a valid span");
      DatasetItem item;
      item.setKind(DatasetKind::How2Qa);
      item.qid = "HOW2QA_" + std::to_string(position);
      item.sourceId = "row " + std::to_string(line);
      const int64_t k = static_cast<int64_t>(*start) / 60;
      item.video = fld[0] + "_" + std::to_string(60 * k) + "_" + std::to_string(60 * (k + 1));
      item.clip = TimeWindow{static_cast<double>(static_cast<int64_t>(*start) - 60 * k),
                             static_cast<double>(static_cast<int64_t>(*end) - 60 * k)};
      item.question = fld[5];
      const int slot = how2QaAnswerSlot(fld[0], span, fld[5]);
      item.options = {fld[2], fld[3], fld[4]};
      item.options.insert(item.options.begin() + slot, fld[6]);
      item.answer = slot;
      return item;
    });
  }
  return rows.take();
}

}  // namespace

DatasetRead readHow2Qa(const std::string& path, const ReadOptions& options) {
  if (endsWith(path, ".csv")) return readOfficialCsv(path, options);
  if (endsWith(path, ".jsonl") || endsWith(path, ".json"))
    return readValueQaJsonl(path, options, DatasetKind::How2Qa, "HOW2QA", 4);
  throw Error(path, "unknown How2QA file type", "expected the official .csv or the VALUE .jsonl");
}

}  // namespace sevila::data
