// How the CLI words a failure: "sevila CMD: error: SUBJECT: REASON", then "hint: HINT" on its own line.
// The subject is left out when it only repeats the command ("answer", "sevila answer"), so no prefix is
// ever printed twice.
#pragma once

#include <string>

namespace sevila {
class Error;
}

namespace sevila::cli {

std::string errorMessage(const std::string& command, const Error& error);

}  // namespace sevila::cli
