#include "progress_line.h"

#include <unistd.h>

#include <cstdio>

namespace sevila::cli {

ProgressLine::ProgressLine(double intervalSeconds)
    : ProgressLine(::isatty(STDERR_FILENO) != 0, intervalSeconds) {}

ProgressLine::ProgressLine(bool terminal, double intervalSeconds)
    : m_terminal(terminal),
      m_interval(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(intervalSeconds))) {}

void ProgressLine::update(const std::string& text) {
  if (m_terminal) {
    // Pad over what a longer previous line left behind.
    std::fprintf(stderr, "\r%s%*s", text.c_str(), int(m_width > text.size() ? m_width - text.size() : 0), "");
    m_width = text.size();
    std::fflush(stderr);
    m_wrote = true;
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (m_wrote && now - m_lastWrite < m_interval) {
    m_pending = text;
    return;
  }
  std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
  m_lastWrite = now;
  m_pending.clear();
  m_wrote = true;
}

void ProgressLine::finish() {
  if (m_terminal) {
    if (m_wrote) std::fprintf(stderr, "\n");
  } else if (!m_pending.empty()) {
    std::fprintf(stderr, "%s\n", m_pending.c_str());
  }
  m_pending.clear();
  m_wrote = false;
  m_width = 0;
}

}  // namespace sevila::cli
