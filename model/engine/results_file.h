// The results JSONL of a dataset run: one ChainResult per line, appended and flushed to disk item by
// item, so an interrupted run loses at most the item in flight and a re-run resumes after the last
// complete line.
#pragma once

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "engine/chain_result.h"

namespace sevila::engine {

struct ResultsRead {
  std::vector<ChainResult> results;
  std::vector<std::string> problems;  // "file:line: reason" for lines that could not be read
  bool truncatedTail = false;         // the last line had no newline (a run killed mid-write)
};

// Reads every complete line; a partial last line is reported, not an error.
ResultsRead readResults(const std::string& path);

class ResultsWriter {
public:
  // Opens for appending; first cuts a partial last line left by a killed run. Throws sevila::Error.
  explicit ResultsWriter(const std::string& path);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  // Appends one line and makes it durable (flush + fsync).
  void append(const ChainResult& result);
  const std::string& path() const { return m_path; }

private:
  std::string m_path;
  std::FILE* m_file = nullptr;
};

}  // namespace sevila::engine
