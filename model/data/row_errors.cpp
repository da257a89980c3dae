#include "data/row_errors.h"

namespace sevila::data {

RowError::RowError(const std::string& file, int line, const std::string& field, const std::string& reason)
    : Error(file + ":" + std::to_string(line), "field '" + field + "': " + reason),
      row{file, line, field, reason} {}

std::string describe(const SkippedRow& row) {
  return row.file + ":" + std::to_string(row.line) + ": field '" + row.field + "': " + row.reason;
}

RowCollector::RowCollector(std::string file, const ReadOptions& options)
    : m_file(std::move(file)), m_options(options) {}

void RowCollector::reject(const RowError& error) {
  if (m_options.strict) throw error;
  m_read.skipped.push_back(error.row);
}

void RowCollector::add(DatasetItem item, int line) {
  if (item.qid.empty()) throw RowError(m_file, line, "qid", "empty");
  if (!m_qids.insert(item.qid).second)
    throw RowError(m_file, line, "qid", "duplicate qid '" + item.qid + "'");
  if (!item.sourceId.empty() && !m_sourceIds.insert(item.sourceId).second)
    throw RowError(m_file, line, "qid", "duplicate id '" + item.sourceId + "'");
  item.sourceFile = m_file;
  item.sourceLine = line;
  m_read.items.push_back(std::move(item));
}

}  // namespace sevila::data
