#include "engine/results_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <cerrno>
#include <cstring>

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
  // One write(2) of the whole line, not stdio's buffered pieces: a kill lands before or after it, so the
  // file never ends inside a line unless the disk filled up (the reader and the next writer handle that).
  const std::string line = toJson(result).dump() + "\n";
  const int fd = ::fileno(m_file);
  for (size_t written = 0; written < line.size();) {
    const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::error_code ignored;
      const std::string why = n < 0 ? std::strerror(errno) : "nothing written";
      // Cut what was written of this line, so that the file stays whole lines (if that fails too, the
      // next writer cuts it).
      const off_t end = written > 0 ? ::lseek(fd, 0, SEEK_END) : -1;
      if (end >= 0) std::filesystem::resize_file(m_path, static_cast<uintmax_t>(end) - written, ignored);
      throw Error(m_path, "cannot write the results file: " + why, "is the disk full?");
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL)
    throw Error(m_path, std::string("cannot write the results file to disk: ") + std::strerror(errno));
}

}  // namespace sevila::engine
