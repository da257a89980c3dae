// RFC 4180 CSV records with the line each starts on: fields separated by ',', optionally enclosed in
// double quotes; inside quotes "" is a quote and commas and line breaks are literal. CRLF and LF line
// ends are both accepted; a UTF-8 byte-order mark at the start is dropped.
// Broken quoting (a quote inside an unquoted field, text after a closing quote, a quote never closed)
// is reported for that record, naming the column, so a reader can skip it or throw.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sevila::data {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
  // Set when the record's quoting is broken: the 0-based column and what is wrong. `fields` then holds
  // what could be read. A quote never closed swallows the rest of the file into this one record.
  std::optional<std::pair<int, std::string>> error;
};

class CsvReader {
public:
  explicit CsvReader(std::string text);
  // Next record; false at the end of the text. Empty lines are skipped.
  bool next(CsvRecord& record);

private:
  std::string m_text;
  size_t m_pos = 0;
  int m_line = 1;
};

// Reads a whole file into memory; throws sevila::Error naming the path when it cannot.
std::string readTextFile(const std::string& path);

}  // namespace sevila::data
