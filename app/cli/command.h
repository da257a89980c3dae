// Subcommands of the `sevila` CLI register themselves here; main() dispatches on the first word.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace sevila::cli {

struct Command {
  std::string name;     // "model", "frames", ...
  std::string summary;  // one line for `sevila --help`
  // Receives the words after the command name; returns the process exit code.
  std::function<int(const std::vector<std::string>& args)> run;
};

std::vector<Command>& commands();

struct CommandRegistrar {
  explicit CommandRegistrar(Command command);
};

}  // namespace sevila::cli
