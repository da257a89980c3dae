// The one row loop of the JSON-lines dataset readers (VLEP, QVHighlights, and How2QA / TVQA in VALUE's
// format): every non-blank line is parsed as a JSON object and handed to `parse` with its fields and its
// 0-based position among the non-blank lines; RowCollector applies the strict/skip policy and the
// unique-qid checks, and gives each item its file and line.
#pragma once

#include <string>

#include "data/csv_reader.h"
#include "data/json_fields.h"
#include "data/row_errors.h"

namespace sevila::data {

// `parse(const JsonFields&, int position)` returns a DatasetItem or throws RowError.
template <typename Parse>
DatasetRead readJsonLinesItems(const std::string& path, const ReadOptions& options, Parse&& parse) {
  const std::string content = readTextFile(path);
  RowCollector rows(path, options);
  int position = 0;
  forEachJsonLine(content, [&](int line, const std::string& text) {
    const int index = position++;
    rows.row(line, [&]() {
      const nlohmann::json object = parseJsonLine(text, path, line);
      const JsonFields fields(object, path, line);
      return parse(fields, index);
    });
  });
  return rows.take();
}

}  // namespace sevila::data
