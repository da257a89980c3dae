// One progress line on stderr. On a terminal it is rewritten in place (\r); into a file or a pipe, where
// \r would pile up on one line, each update is its own line, at most one every `interval` seconds (the
// last one is always written by finish()).
#pragma once

#include <chrono>
#include <string>

namespace sevila::cli {

class ProgressLine {
public:
  explicit ProgressLine(double intervalSeconds = 5.0);
  ProgressLine(bool terminal, double intervalSeconds);  // for tests
  void update(const std::string& text);
  // Ends the line (terminal) or writes the last update that was held back (file).
  void finish();
  bool terminal() const { return m_terminal; }

private:
  bool m_terminal;
  std::chrono::steady_clock::duration m_interval;
  std::chrono::steady_clock::time_point m_lastWrite{};
  std::string m_pending;
  size_t m_width = 0;
  bool m_wrote = false;
};

}  // namespace sevila::cli
