#include "data/csv_reader.h"

#include <fstream>
#include <sstream>

#include "core/error.h"

namespace sevila::data {

std::string readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, "cannot open the file", "check the path and its permissions");
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw Error(path, "read error");
  return s.str();
}

CsvReader::CsvReader(std::string text) : m_text(std::move(text)) {
  if (m_text.compare(0, 3, "\xEF\xBB\xBF") == 0) m_pos = 3;
}

bool CsvReader::next(CsvRecord& record) {
  const std::string& t = m_text;
  // Skip empty lines.
  while (m_pos < t.size() &&
         (t[m_pos] == '\n' || (t[m_pos] == '\r' && m_pos + 1 < t.size() && t[m_pos + 1] == '\n'))) {
    m_pos += t[m_pos] == '\r' ? 2 : 1;
    ++m_line;
  }
  if (m_pos >= t.size()) return false;
  record = CsvRecord{};
  record.line = m_line;
  auto setError = [&](const std::string& why) {
    if (!record.error) record.error = std::make_pair(static_cast<int>(record.fields.size()), why);
  };
  std::string field;
  bool quoted = false;      // field started with a quote
  bool inQuotes = false;    // inside the quoted part
  bool afterQuote = false;  // closing quote seen
  while (m_pos < t.size()) {
    const char c = t[m_pos];
    if (inQuotes) {
      if (c == '"') {
        if (m_pos + 1 < t.size() && t[m_pos + 1] == '"') {
          field += '"';
          m_pos += 2;
          continue;
        }
        inQuotes = false;
        afterQuote = true;
        ++m_pos;
        continue;
      }
      if (c == '\n') ++m_line;
      field += c;
      ++m_pos;
      continue;
    }
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      quoted = afterQuote = false;
      ++m_pos;
      continue;
    }
    if (c == '\n' || (c == '\r' && m_pos + 1 < t.size() && t[m_pos + 1] == '\n')) {
      m_pos += c == '\r' ? 2 : 1;
      ++m_line;
      record.fields.push_back(std::move(field));
      return true;
    }
    if (c == '"') {
      if (field.empty() && !quoted) {
        quoted = inQuotes = true;
        ++m_pos;
        continue;
      }
      setError("stray double quote in the field (quote the whole field and write \"\" for a quote)");
    } else if (afterQuote) {
      setError("text after the closing quote");
    }
    field += c;
    ++m_pos;
  }
  if (inQuotes) setError("quoted field is never closed (the rest of the file was read into it)");
  record.fields.push_back(std::move(field));
  return true;
}

}  // namespace sevila::data
