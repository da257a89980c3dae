#include "core/error.h"

namespace sevila {
namespace {
std::string compose(const std::string& subject, const std::string& reason, const std::string& hint) {
  std::string text = subject.empty() ? reason : subject + ": " + reason;
  if (!hint.empty()) text += "\nhint: " + hint;
  return text;
}
}  // namespace

Error::Error(std::string subject, std::string reason, std::string hint)
    : std::runtime_error(compose(subject, reason, hint)),
      m_subject(std::move(subject)),
      m_reason(std::move(reason)),
      m_hint(std::move(hint)) {}

}  // namespace sevila
