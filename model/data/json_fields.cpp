#include "data/json_fields.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace sevila::data {

using nlohmann::json;

std::string jsonTypeName(const json& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
  if (v.is_number_float()) return "number";
  return v.type_name();
}

JsonFields::JsonFields(const json& object, std::string file, int line)
    : m_object(object), m_file(std::move(file)), m_line(line) {
  if (!m_object.is_object())
    throw RowError(m_file, m_line, "json", "expected a JSON object, got " + jsonTypeName(m_object));
}

RowError JsonFields::error(const std::string& field, const std::string& reason) const {
  return RowError(m_file, m_line, field, reason);
}

bool JsonFields::has(const std::string& key) const {
  auto it = m_object.find(key);
  return it != m_object.end() && !it->is_null();
}

const json& JsonFields::raw(const std::string& key) const {
  auto it = m_object.find(key);
  if (it == m_object.end()) throw error(key, "missing");
  if (it->is_null()) throw error(key, "is null");
  return *it;
}

std::string JsonFields::stringValue(const json& v, const std::string& field) const {
  if (!v.is_string()) throw error(field, "expected a string, got " + jsonTypeName(v));
  return v.get<std::string>();
}

int64_t JsonFields::integerValue(const json& v, const std::string& field) const {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_unsigned()) {
    const auto u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(INT64_MAX)) throw error(field, "integer out of range");
    return static_cast<int64_t>(u);
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) return static_cast<int64_t>(d);
    throw error(field, "expected an integer, got " + v.dump());
  }
  throw error(field, "expected an integer, got " + jsonTypeName(v));
}

double JsonFields::numberValue(const json& v, const std::string& field) const {
  if (!v.is_number()) throw error(field, "expected a number, got " + jsonTypeName(v));
  const double d = v.get<double>();
  if (!std::isfinite(d)) throw error(field, "not a finite number");
  return d;
}

std::string JsonFields::string(const std::string& key) const {
  return stringValue(raw(key), key);
}

std::string JsonFields::nonEmptyString(const std::string& key) const {
  std::string s = string(key);
  if (s.find_first_not_of(" \t\r\n") == std::string::npos) throw error(key, "empty");
  return s;
}

int64_t JsonFields::integer(const std::string& key) const {
  return integerValue(raw(key), key);
}

double JsonFields::number(const std::string& key) const {
  return numberValue(raw(key), key);
}

const json& JsonFields::array(const std::string& key) const {
  const json& v = raw(key);
  if (!v.is_array()) throw error(key, "expected an array, got " + jsonTypeName(v));
  return v;
}

std::string JsonFields::id(const std::string& key) const {
  const json& v = raw(key);
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.empty()) throw error(key, "empty");
    return s;
  }
  if (v.is_number_integer() || v.is_number_unsigned()) return std::to_string(integerValue(v, key));
  throw error(key, "expected a string or an integer id, got " + jsonTypeName(v));
}

json parseJsonLine(const std::string& text, const std::string& file, int line) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    // nlohmann's text starts with "[json.exception.parse_error.101] "; keep the readable part.
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    throw RowError(file, line, "json", "not valid JSON (truncated line?): " + what);
  } catch (const json::exception& e) {  // e.g. a number too large for any type
    throw RowError(file, line, "json", std::string("not usable JSON: ") + e.what());
  }
}

json parseJsonDocument(const std::string& content, const std::string& file) {
  try {
    return json::parse(content);
  } catch (const json::parse_error& e) {
    // Locate the byte offset as a line number.
    const size_t at = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, content.size());
    int line = 1;
    for (size_t i = 0; i < at; ++i) line += content[i] == '\n';
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    throw Error(file + ":" + std::to_string(line), "not valid JSON: " + what,
                "the file may be truncated or not a JSON document");
  } catch (const json::exception& e) {  // e.g. a number too large for any type
    throw Error(file, std::string("not usable JSON: ") + e.what());
  }
}

std::vector<int> topLevelArrayElementLines(const std::string& content) {
  std::vector<int> lines;
  int line = 1, depth = 0;
  bool inString = false, escaped = false, expectElement = false;
  for (char c : content) {
    if (c == '\n') ++line;
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (depth == 1 && expectElement && c != ']') {
      lines.push_back(line);
      expectElement = false;
    }
    if (c == '"')
      inString = true;
    else if (c == '[' || c == '{') {
      ++depth;
      if (depth == 1 && c == '[') expectElement = true;
    } else if (c == ']' || c == '}')
      --depth;
    else if (c == ',' && depth == 1)
      expectElement = true;
  }
  return lines;
}

std::optional<double> parseNumber(const std::string& text) {
  if (text.empty() || text.find_first_of(" \t\r\n") != std::string::npos) return std::nullopt;
  for (char c : text)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' ||
          c == 'E'))
      return std::nullopt;  // rejects "nan", "inf", hex
  errno = 0;
  char* end = nullptr;
  const double d = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(d)) return std::nullopt;
  return d;
}

}  // namespace sevila::data
