#include "error_message.h"

#include "core/error.h"

namespace sevila::cli {

std::string errorMessage(const std::string& command, const Error& error) {
  const std::string& subject = error.subject();
  const bool repeatsCommand = subject.empty() || subject == command || subject == "sevila " + command;
  std::string text = "sevila " + command + ": error: ";
  if (!repeatsCommand) text += subject + ": ";
  text += error.reason();
  if (!error.hint().empty()) text += "\nhint: " + error.hint();
  return text;
}

}  // namespace sevila::cli
