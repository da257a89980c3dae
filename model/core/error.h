// The one error type of the model core: a file (or other subject) and a reason, plus an optional hint.
// Readers throw it for bad input; the CLI's main and the GUI's workers are the only places that catch it.
#pragma once

#include <stdexcept>
#include <string>

namespace sevila {

class Error : public std::runtime_error {
public:
  Error(std::string subject, std::string reason, std::string hint = {});

  const std::string& subject() const { return m_subject; }
  const std::string& reason() const { return m_reason; }
  const std::string& hint() const { return m_hint; }

private:
  std::string m_subject;
  std::string m_reason;
  std::string m_hint;
};

}  // namespace sevila
