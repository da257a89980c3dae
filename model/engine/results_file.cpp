#include "engine/results_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace sevila::engine {

ResultsRead readResults(const std::string& path) {
  ResultsRead out;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, "cannot open the results file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  size_t start = 0;
  int line = 0;
  while (start < text.size()) {
    const size_t newline = text.find('\n', start);
    ++line;
    if (newline == std::string::npos) {
      out.truncatedTail = true;
      out.problems.push_back(path + ":" + std::to_string(line) + ": incomplete last line (ignored)");
      break;
    }
    const std::string row = text.substr(start, newline - start);
    start = newline + 1;
    if (row.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(line);
    try {
      out.results.push_back(chainResultFromJson(nlohmann::json::parse(row), where));
    } catch (const nlohmann::json::exception& e) {
      out.problems.push_back(where + ": not JSON (" + e.what() + ")");
    } catch (const Error& e) {
      out.problems.push_back(e.what());
    }
  }
  return out;
}

ResultsWriter::ResultsWriter(const std::string& path) : m_path(path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    // Cut a partial line at the end, left by a run killed while writing.
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t lastNewline = text.rfind('\n');
    const size_t keep = lastNewline == std::string::npos ? 0 : lastNewline + 1;
    if (keep != text.size()) fs::resize_file(path, keep, ec);
    if (ec) throw Error(path, "cannot repair the results file: " + ec.message());
  } else if (fs::path(path).has_parent_path()) {
    fs::create_directories(fs::path(path).parent_path(), ec);
  }
  m_file = std::fopen(path.c_str(), "ab");
  if (!m_file) throw Error(path, "cannot open the results file for writing");
}

ResultsWriter::~ResultsWriter() {
  if (m_file) std::fclose(m_file);
}

void ResultsWriter::append(const ChainResult& result) {
  const std::string line = toJson(result).dump() + "\n";
  if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size() || std::fflush(m_file) != 0)
    throw Error(m_path, "cannot write the results file (disk full?)");
  ::fsync(::fileno(m_file));
}

}  // namespace sevila::engine
