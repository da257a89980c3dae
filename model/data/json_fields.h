// Typed access to the fields of one JSON object of an annotation or results file. Each getter throws
// RowError naming the file, the line and the key when the key is missing or has the wrong JSON type,
// so readers never crash on hostile input and never guess. Internal to sevila_data (includes nlohmann).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/row_errors.h"

namespace sevila::data {

class JsonFields {
public:
  // `object` must outlive this view. Throws RowError (field "json") when it is not an object.
  JsonFields(const nlohmann::json& object, std::string file, int line);

  bool has(const std::string& key) const;                   // present and not null
  const nlohmann::json& raw(const std::string& key) const;  // required, any type

  std::string string(const std::string& key) const;
  std::string nonEmptyString(const std::string& key) const;
  // Integers; a float is accepted only when it is a whole number (2.0), never rounded.
  int64_t integer(const std::string& key) const;
  double number(const std::string& key) const;
  const nlohmann::json& array(const std::string& key) const;
  // A string or an integer, as text ("8737"): ids are written both ways by different tools.
  std::string id(const std::string& key) const;

  // Values nested below a key, for messages such as "relevant_windows[2][1]".
  RowError error(const std::string& field, const std::string& reason) const;
  int64_t integerValue(const nlohmann::json& v, const std::string& field) const;
  double numberValue(const nlohmann::json& v, const std::string& field) const;
  std::string stringValue(const nlohmann::json& v, const std::string& field) const;

  const std::string& file() const { return m_file; }
  int line() const { return m_line; }

private:
  const nlohmann::json& m_object;
  std::string m_file;
  int m_line;
};

// The JSON type name of a value, for messages ("string", "number", "array", ...).
std::string jsonTypeName(const nlohmann::json& v);

// Parses one line of a JSON-lines file; RowError (field "json") when it is not valid JSON.
nlohmann::json parseJsonLine(const std::string& text, const std::string& file, int line);

// Calls `row(line, text)` for each non-blank line of a JSON-lines file (1-based line numbers).
template <typename Row>
void forEachJsonLine(const std::string& content, Row&& row) {
  size_t pos = 0;
  int line = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string::npos) end = content.size();
    ++line;
    std::string text = content.substr(pos, end - pos);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (line == 1 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    if (text.find_first_not_of(" \t") != std::string::npos) row(line, text);
    pos = end + 1;
  }
}

// Parses a whole-file JSON document (STAR, TVQA+ and NExT-QA official results); sevila::Error naming
// the file, the line and the column of a syntax error.
nlohmann::json parseJsonDocument(const std::string& content, const std::string& file);

// 1-based lines where the elements of a top-level JSON array start in `content` (a cheap scan that
// respects strings), so messages about array elements can name a line. 0 when it cannot be found.
std::vector<int> topLevelArrayElementLines(const std::string& content);

// Strict decimal number from text ("12.5", "-3", "1e2"); nullopt for anything else, NaN included.
std::optional<double> parseNumber(const std::string& text);

}  // namespace sevila::data
