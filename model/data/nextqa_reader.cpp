#include "data/nextqa_reader.h"

#include <cctype>
#include <map>

#include "data/csv_reader.h"
#include "data/json_fields.h"

namespace sevila::data {

bool isNextQaTypeCode(const std::string& code) {
  static const char* const kCodes[] = {"CW", "CH", "TN", "TP", "TC", "DC", "DL", "DO"};
  for (const char* c : kCodes)
    if (code == c) return true;
  return false;
}

namespace {

bool isBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

int64_t parseInteger(const std::string& text, const std::string& file, int line, const std::string& field) {
  if (text.empty()) throw RowError(file, line, field, "empty");
  size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size() || text.size() > 18)
    throw RowError(file, line, field, "expected an integer, got '" + text + "'");
  for (; i < text.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i])))
      throw RowError(file, line, field, "expected an integer, got '" + text + "'");
  return std::stoll(text);
}

}  // namespace

DatasetRead readNextQa(const std::string& path, const ReadOptions& options) {
  CsvReader csv(readTextFile(path));
  CsvRecord header;
  if (!csv.next(header)) throw Error(path, "empty file", "expected NExT-QA's csv with a header row");
  if (header.error) throw Error(path + ":1", "broken header: " + header.error->second);
  static const char* const kColumns[] = {"video", "question", "answer", "qid", "type",
                                         "a0",    "a1",       "a2",     "a3",  "a4"};
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < header.fields.size(); ++i) column[header.fields[i]] = i;
  for (const char* name : kColumns)
    if (!column.count(name))
      throw Error(
          path + ":1", std::string("header lacks the column '") + name + "'",
          "expected NExT-QA's header video,frame_count,width,height,question,answer,qid,type,a0,...,a4");

  RowCollector rows(path, options);
  CsvRecord rec;
  while (csv.next(rec)) {
    rows.row(rec.line, [&]() {
      const int line = rec.line;
      if (rec.error) {
        const int col = rec.error->first;
        const std::string field = col < static_cast<int>(header.fields.size())
                                      ? header.fields[col]
                                      : "column " + std::to_string(col + 1);
        throw RowError(path, line, field, rec.error->second);
      }
      if (rec.fields.size() != header.fields.size())
        throw RowError(path, line,
                       rec.fields.size() < header.fields.size() ? header.fields[rec.fields.size()] : "row",
                       "expected " + std::to_string(header.fields.size()) + " columns, got " +
                           std::to_string(rec.fields.size()));
      auto get = [&](const char* name) -> const std::string& { return rec.fields[column.at(name)]; };
      DatasetItem item;
      item.setKind(DatasetKind::NextQa);
      const int64_t video = parseInteger(get("video"), path, line, "video");
      const int64_t qid = parseInteger(get("qid"), path, line, "qid");
      if (video < 0) throw RowError(path, line, "video", "negative video id");
      if (qid < 0) throw RowError(path, line, "qid", "negative qid");
      item.type = get("type");
      if (!isNextQaTypeCode(item.type))
        throw RowError(path, line, "type",
                       "unknown type code '" + item.type + "' (expected CW CH TN TP TC DC DL DO)");
      item.video = get("video");
      item.sourceId = std::to_string(video) + "_" + std::to_string(qid);
      item.qid = item.type + "_" + item.sourceId;
      item.question = get("question");
      if (isBlank(item.question)) throw RowError(path, line, "question", "empty");
      for (int j = 0; j < 5; ++j) {
        const std::string name = "a" + std::to_string(j);
        std::string option = get(name.c_str());
        if (isBlank(option)) throw RowError(path, line, name, "empty option");
        item.options.push_back(options.sevilaText ? option + "." : option);
      }
      if (options.sevilaText) item.question += "?";
      const int64_t answer = parseInteger(get("answer"), path, line, "answer");
      if (answer < 0 || answer > 4)
        throw RowError(path, line, "answer", "answer index " + std::to_string(answer) + " outside 0-4");
      item.answer = static_cast<int>(answer);
      return item;
    });
  }
  return rows.take();
}

}  // namespace sevila::data
