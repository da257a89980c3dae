// How dataset and results readers treat a malformed row. Every problem names the file, the line (1-based)
// and the field. In strict mode the first one throws; by default the row is skipped and listed, so the
// caller can print "skipped 3 rows" with the reasons. File-level problems (unreadable file, missing
// header, not JSON at all) always throw.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "data/dataset_item.h"
#include "core/error.h"

namespace sevila::data {

struct ReadOptions {
  bool strict = false;  // throw on the first malformed row instead of skipping it
  // Apply the dataset's SeViLA text preprocessing (NExT-QA: "?" after the question, "." after each
  // option). Off gives the text exactly as released.
  bool sevilaText = true;
};

struct SkippedRow {
  std::string file;
  int line = 0;
  std::string field;  // column or JSON key ("answer", "a3"), "json" for a line that does not parse
  std::string reason;
};

// The exception a row parser throws; a sevila::Error whose subject is "file:line".
class RowError : public Error {
public:
  RowError(const std::string& file, int line, const std::string& field, const std::string& reason);
  SkippedRow row;
};

// "file:line: field 'x': reason" — the one-line form used in messages and listings.
std::string describe(const SkippedRow& row);

struct DatasetRead {
  std::vector<DatasetItem> items;
  std::vector<SkippedRow> skipped;
};

// Collects the items of one file, enforcing unique qids, and applies the strict/skip policy.
class RowCollector {
public:
  RowCollector(std::string file, const ReadOptions& options);

  // Parses one row with `parse` (a callable returning a DatasetItem, throwing RowError). The item gets
  // its source file and line; a duplicate qid (or dataset id) is a RowError on field "qid".
  template <typename Parse>
  void row(int line, Parse&& parse) {
    try {
      add(parse(), line);
    } catch (const RowError& e) {
      reject(e);
    }
  }
  // Records (default) or throws (strict) a problem found outside a row parser.
  void reject(const RowError& error);

  const std::string& file() const { return m_file; }
  const ReadOptions& options() const { return m_options; }
  DatasetRead take() { return std::move(m_read); }

private:
  void add(DatasetItem item, int line);

  std::string m_file;
  ReadOptions m_options;
  DatasetRead m_read;
  std::set<std::string> m_qids;
  std::set<std::string> m_sourceIds;
};

}  // namespace sevila::data
